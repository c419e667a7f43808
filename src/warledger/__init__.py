"""warledger: news reports about armed conflict in, an ACLED-style event dataset out."""

__version__ = "0.1.0"
