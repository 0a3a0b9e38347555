"""The headless command line (`digitpad train | evaluate | predict`): argument parsing and
text output over the engine in `model/`. Imports no Qt."""
