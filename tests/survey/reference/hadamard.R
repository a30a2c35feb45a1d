# Export the Hadamard matrices R's survey package uses for BRR (hadamard(n) for n strata,
# n = 1..99) as rows of hex digits (0/1 entries, 4 per digit, zero-padded), for
# analysis/survey/_hadamard_r.py. Run: Rscript hadamard.R > hadamard.Rout
suppressMessages(library(survey))
mats <- character(0)
index <- integer(0)
for (n in 1:99) {
  H <- hadamard(n)
  rows <- apply(H, 1, function(r) {
    bits <- c(r, rep(0, (4 - length(r) %% 4) %% 4))
    paste(sapply(seq(1, length(bits), 4), function(i)
      sprintf("%x", sum(bits[i:(i + 3)] * c(8, 4, 2, 1)))), collapse = "")
  })
  s <- paste(nrow(H), paste(rows, collapse = " "))
  k <- match(s, mats)
  if (is.na(k)) { mats <- c(mats, s); k <- length(mats) }
  index[n] <- k
}
writeLines(c(paste(index, collapse = " "), mats), "hadamard_r.txt")
cat("distinct matrices:", length(mats), "\n")
