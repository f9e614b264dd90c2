# Read yjsim's HDF5 files into tidy data frames with hdf5r, and draw the standard fan chart (docs/readers.md).
# Needs only hdf5r (Debian: r-cran-hdf5r), not yjsim itself. In R:
#   source("R/yjsim.R")
#   runs <- yjsim_read_run("default.h5")      # variant, replicate, kpi, period, label, value, unit
#   yjsim_summary(runs)                        # mean, p5, p50, p95 over replicates
#   sweep <- yjsim_read_sweep("out.h5")        # list: parameters, summary, sensitivity
#   track <- yjsim_read_track("track.h5")      # one row per quarterly cohort
#   yjsim_fan_chart(runs, "reoffences", "fan.png")
# From the shell: Rscript R/yjsim.R FILE.h5 [KPI] [FAN.png]
# hdf5r returns arrays with the dimensions reversed (R is column-major): [replicates x periods] reads as
# [periods x replicates]; the functions below undo it.
suppressPackageStartupMessages(library(hdf5r))

yjsim_format <- function(f) if (f$attr_exists("format")) h5attr(f, "format") else ""

yjsim_periods <- function(f) {
  p <- f[["periods"]]$read()
  data.frame(period = as.integer(p$index), label = trimws(p$label), stringsAsFactors = FALSE)
}

yjsim_read_run <- function(path, diff = FALSE) {
  f <- H5File$new(path, mode = "r")
  on.exit(f$close_all())
  stopifnot(yjsim_format(f) == "yjsim-results", f$exists("variants"))
  periods <- yjsim_periods(f)
  group <- if (diff) "diff" else "kpi"
  out <- list()
  for (variant in names(f[["variants"]])) {
    g <- f[["variants"]][[variant]]
    if (!g$exists(group)) next
    for (kpi in names(g[[group]])) {
      if (grepl("_yearly$", kpi)) next
      ds <- g[[group]][[kpi]]
      x <- ds$read()                          # periods x replicates (reversed)
      if (is.null(dim(x))) x <- matrix(x, ncol = 1)
      np <- nrow(x); nr <- ncol(x)
      out[[length(out) + 1]] <- data.frame(
        variant = variant, replicate = rep(seq_len(nr) - 1L, each = np), kpi = kpi,
        period = rep(seq_len(np) - 1L, times = nr), value = as.vector(x),
        unit = h5attr(ds, "unit"), stringsAsFactors = FALSE)
    }
  }
  d <- do.call(rbind, out)
  merge(d, periods, by = "period")
}

yjsim_summary <- function(d) {
  s <- aggregate(value ~ variant + kpi + period + label, data = d, na.action = na.pass, FUN = function(v)
    c(mean = mean(v, na.rm = TRUE), p5 = unname(quantile(v, 0.05, na.rm = TRUE)),
      p50 = unname(quantile(v, 0.5, na.rm = TRUE)), p95 = unname(quantile(v, 0.95, na.rm = TRUE))))
  cbind(s[, c("variant", "kpi", "period", "label")], as.data.frame(s$value))
}

yjsim_read_sweep <- function(path) {
  f <- H5File$new(path, mode = "r")
  on.exit(f$close_all())
  stopifnot(yjsim_format(f) == "yjsim-sweep")
  sw <- f[["sweep"]]
  axes <- strsplit(h5attr(sw, "axes"), ",")[[1]]
  pm <- sw[["parameters"]]$read()             # axes x points (reversed)
  if (is.null(dim(pm))) pm <- matrix(pm, nrow = length(axes))
  params <- data.frame(point = seq_len(ncol(pm)) - 1L, t(pm))
  names(params) <- c("point", axes)
  labels <- yjsim_periods(f)$label
  stats <- c("mean", "p5", "p50", "p95")
  summ <- list(); sens <- list()
  for (variant in names(sw[["variants"]])) {
    g <- sw[["variants"]][[variant]]
    for (group in c("kpi_summary", "diff_summary")) {
      if (!g$exists(group)) next
      prefix <- if (group == "diff_summary") "diff_" else ""
      for (kpi in names(g[[group]])) {
        x <- g[[group]][[kpi]]$read()         # 4 x periods x points (reversed)
        dims <- dim(x)
        summ[[length(summ) + 1]] <- data.frame(
          point = rep(seq_len(dims[3]) - 1L, each = dims[1] * dims[2]), variant = variant, kpi = kpi,
          period = rep(rep(seq_len(dims[2]) - 1L, each = dims[1]), times = dims[3]),
          label = rep(rep(labels, each = dims[1]), times = dims[3]),
          statistic = rep(paste0(prefix, stats), times = dims[2] * dims[3]), value = as.vector(x),
          stringsAsFactors = FALSE)
      }
    }
    for (kpi in names(g[["sensitivity"]])) {
      d <- data.frame(variant = variant, kpi = kpi, parameter = axes, prcc = g[["sensitivity"]][[kpi]]$read(),
                      stringsAsFactors = FALSE)
      if (g$exists("sensitivity_interval")) {
        ci <- g[["sensitivity_interval"]][[kpi]]$read()   # 2 x axes (reversed)
        if (is.null(dim(ci))) ci <- matrix(ci, nrow = 2)
        d$prcc_p5 <- ci[1, ]; d$prcc_p95 <- ci[2, ]
      }
      sens[[length(sens) + 1]] <- d
    }
  }
  list(parameters = params, summary = do.call(rbind, summ), sensitivity = do.call(rbind, sens))
}

yjsim_read_track <- function(path) {
  f <- H5File$new(path, mode = "r")
  on.exit(f$close_all())
  t <- f[["track"]]
  cohorts <- h5attr(t, "cohorts")
  d <- data.frame(cohort = cohorts, complete_month = h5attr(t, "complete_month"),
                  publication_month = h5attr(t, "publication_month"), stringsAsFactors = FALSE)
  for (name in names(t)) {
    obj <- t[[name]]
    if (inherits(obj, "H5D") && length(obj$dims) == 1 && obj$dims == length(cohorts)) d[[name]] <- obj$read()
  }
  d
}

yjsim_fan_chart <- function(d, kpi, png_file, variant = "baseline") {
  x <- d[d$kpi == kpi & d$variant == variant, ]
  if (nrow(x) == 0) stop("no ", kpi, " for variant ", variant)
  q <- function(p) tapply(x$value, x$period, quantile, p, na.rm = TRUE)
  per <- sort(unique(x$period)); labs <- tapply(x$label, x$period, `[`, 1)
  m <- tapply(x$value, x$period, mean, na.rm = TRUE)
  png(png_file, width = 800, height = 400)
  plot(per, m, type = "n", ylim = range(c(q(0.05), q(0.95)), na.rm = TRUE), xaxt = "n", xlab = "",
       ylab = paste0(kpi, " (", x$unit[1], ")"), main = paste0(kpi, ", ", variant))
  axis(1, at = per, labels = labs, las = 2, cex.axis = 0.7)
  polygon(c(per, rev(per)), c(q(0.05), rev(q(0.95))), col = rgb(0.12, 0.47, 0.71, 0.2), border = NA)
  polygon(c(per, rev(per)), c(q(0.25), rev(q(0.75))), col = rgb(0.12, 0.47, 0.71, 0.35), border = NA)
  lines(per, m, col = rgb(0.12, 0.47, 0.71), lwd = 2)
  invisible(dev.off())
}

if (!interactive() && sys.nframe() == 0) {
  args <- commandArgs(trailingOnly = TRUE)
  if (length(args) < 1) stop("usage: Rscript R/yjsim.R FILE.h5 [KPI] [FAN.png]")
  kpi <- if (length(args) >= 2) args[2] else "reoffences"
  f <- H5File$new(args[1], mode = "r"); fmt <- yjsim_format(f); is_track <- f$exists("track"); f$close_all()
  if (fmt == "yjsim-sweep") {
    s <- yjsim_read_sweep(args[1])
    print(head(s$parameters))
    print(s$sensitivity[s$sensitivity$kpi == kpi, ], row.names = FALSE)
  } else if (is_track) {
    print(yjsim_read_track(args[1]), row.names = FALSE)
  } else {
    d <- yjsim_read_run(args[1])
    s <- yjsim_summary(d)
    print(s[s$kpi == kpi, ], row.names = FALSE)
    if (length(args) >= 3) {
      yjsim_fan_chart(d, kpi, args[3])
      cat("fan chart written to", args[3], "\n")
    }
  }
}
