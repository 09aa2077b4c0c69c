module early.taller/fynelog

go 1.26.0
