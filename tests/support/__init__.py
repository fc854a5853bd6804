"""What the tests share: builders of input files, fixtures, paths."""
