# Shared set-up for the reference scripts: loads the exported example data and records
# figures. Each script <name>.R is run from this folder as
#   Rscript <name>.R > <name>.Rout 2>&1
# and writes <name>.csv (key, value with 15 significant digits). The tests compare with
# the saved CSV and never need R; <name>.Rout keeps R's own printed output beside it.
suppressMessages(library(survey))
options(digits = 7, width = 100)
cat("survey", as.character(packageVersion("survey")), "|", R.version.string, "\n\n")
rd <- function(name) {
  x <- read.csv(file.path("data", paste0(name, ".csv")), stringsAsFactors = FALSE)
  x
}
.figures <- new.env()
.figures$keys <- character(0)
.figures$values <- numeric(0)
rec <- function(key, value) {
  value <- as.numeric(value)
  if (length(value) == 1) {
    .figures$keys <- c(.figures$keys, key)
    .figures$values <- c(.figures$values, value)
  } else {
    .figures$keys <- c(.figures$keys, paste0(key, "[", seq_along(value), "]"))
    .figures$values <- c(.figures$values, value)
  }
  invisible(value)
}
show <- function(label, x) {
  cat("\n>>>", label, "\n")
  print(x)
}
save_figures <- function(name) {
  out <- data.frame(key = .figures$keys,
                    value = sprintf("%.15g", .figures$values))
  write.csv(out, paste0(name, ".csv"), row.names = FALSE, quote = FALSE)
  cat("\nwrote", nrow(out), "figures to", paste0(name, ".csv"), "\n")
}
# R's example designs (as in the survey package's help pages)
apistrat <- rd("apistrat"); apiclus1 <- rd("apiclus1"); apiclus2 <- rd("apiclus2")
apisrs <- rd("apisrs")
dstrat <- svydesign(id = ~1, strata = ~stype, weights = ~pw, data = apistrat, fpc = ~fpc)
dclus1 <- svydesign(id = ~dnum, weights = ~pw, data = apiclus1, fpc = ~fpc)
dclus2 <- svydesign(id = ~dnum + snum, fpc = ~fpc1 + fpc2, data = apiclus2)
dsrs <- svydesign(id = ~1, fpc = ~fpc, data = apisrs)
nhanes <- rd("nhanes")
dnhanes <- svydesign(id = ~SDMVPSU, strata = ~SDMVSTRA, weights = ~WTMEC2YR, nest = TRUE,
                     data = nhanes)
