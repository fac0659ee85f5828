"""Python 2 idiom codemods: lifted Python 2 in, plain Python 3 that behaves the same out."""
