"""Where the project's files are, for tests at any depth of tests/."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_workbooks"
SAMPLE = SAMPLES / "network.xlsx"
CORPUS = ROOT / "tests" / "corpus" / "files"  # hostile files tests/read/test_corpus.py builds
