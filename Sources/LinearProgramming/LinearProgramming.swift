// LinearProgramming
