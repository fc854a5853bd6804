"""Renderers: each turns an already computed result into one output format."""
