"""netreport's templates: the summary page and the draft messages. Not code; a package so
that they ship inside the wheel and load the same way from an install or a checkout."""
