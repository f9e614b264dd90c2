#!/usr/bin/env python3
"""Read yjsim's HDF5 files into tidy pandas data frames, and draw the standard fan chart (docs/readers.md).

Needs only h5py, numpy, pandas and (for the chart) matplotlib: Debian's python3-h5py, python3-pandas and
python3-matplotlib. Not yjsim itself.

    import yjsim
    runs = yjsim.read_run("default.h5")          # variant, replicate, kpi, period, label, value, unit
    yjsim.summary(runs)                           # mean, p5, p50, p95 over replicates, per variant, KPI, period
    sweep = yjsim.read_sweep("out.h5")            # dict of data frames: parameters, summary, sensitivity
    track = yjsim.read_track("track.h5")          # one row per quarterly cohort
    yjsim.fan_chart(runs, "reoffences", "fan.png")

From the shell: python3 python/yjsim.py FILE.h5 [--kpi KPI] [--png FAN.png]
"""
import argparse
import sys

import h5py
import numpy as np
import pandas as pd


def _text(x):
    return x.decode() if isinstance(x, bytes) else str(x)


def _check(f, *formats):
    fmt = _text(f.attrs.get("format", ""))
    if fmt not in formats:
        raise ValueError(f"{f.filename}: format {fmt!r}, not one of {formats}")
    return fmt


def _periods(f):
    p = f["periods"][...]
    return pd.DataFrame({"period": p["index"].astype(int), "label": [_text(s) for s in p["label"]],
                         "first_month": [_text(s) for s in p["first_month"]],
                         "last_month": [_text(s) for s in p["last_month"]]})


def read_run(path, diff=False):
    """Every KPI of every variant and replicate, per period, as a long data frame.

    diff=True reads the paired differences from the baseline (variants other than the baseline only)."""
    rows = []
    with h5py.File(path, "r") as f:
        _check(f, "yjsim-results")
        if "variants" not in f:
            raise ValueError(f"{path}: no /variants (a tracker file? use read_track)")
        periods = _periods(f)
        for variant, g in f["variants"].items():
            group = "diff" if diff else "kpi"
            if group not in g:
                continue
            for kpi, ds in g[group].items():
                if kpi.endswith("_yearly"):
                    continue
                x = ds[...]  # replicates x periods
                reps, nper = x.shape
                rows.append(pd.DataFrame({
                    "variant": variant, "replicate": np.repeat(np.arange(reps), nper),
                    "kpi": kpi, "period": np.tile(np.arange(nper), reps), "value": x.reshape(-1),
                    "unit": _text(ds.attrs.get("unit", ""))}))
    out = pd.concat(rows, ignore_index=True)
    return out.merge(periods[["period", "label"]], on="period").sort_values(
        ["variant", "kpi", "replicate", "period"], ignore_index=True)


def summary(df, by=("variant", "kpi", "period", "label")):
    """Mean and 5th, 50th, 95th percentiles over replicates (NaN left out, as yjsim does)."""
    g = df.groupby(list(by))["value"]
    s = pd.DataFrame({"mean": g.mean(), "p5": g.quantile(0.05), "p50": g.quantile(0.5), "p95": g.quantile(0.95)})
    return s.reset_index()


def read_sweep(path):
    """A sweep file as data frames: parameters (point x axes), summary (point, variant, kpi, period, statistic,
    value, plus diff_ statistics for variants), sensitivity (variant, kpi, parameter, prcc[, p5, p95])."""
    with h5py.File(path, "r") as f:
        _check(f, "yjsim-sweep")
        sw = f["sweep"]
        axes = _text(sw.attrs["axes"]).split(",")
        params = pd.DataFrame(sw["parameters"][...], columns=axes)
        params.insert(0, "point", np.arange(len(params)))
        labels = _periods(f)["label"].tolist()
        stats = ["mean", "p5", "p50", "p95"]
        summ, sens = [], []
        for variant, g in sw["variants"].items():
            for group, prefix in (("kpi_summary", ""), ("diff_summary", "diff_")):
                if group not in g:
                    continue
                for kpi, ds in g[group].items():
                    x = ds[...]  # points x periods x 4
                    pts, nper, _ = x.shape
                    summ.append(pd.DataFrame({
                        "point": np.repeat(np.arange(pts), nper * 4), "variant": variant, "kpi": kpi,
                        "period": np.tile(np.repeat(np.arange(nper), 4), pts),
                        "label": np.tile(np.repeat(labels, 4), pts),
                        "statistic": np.tile([prefix + s for s in stats], pts * nper), "value": x.reshape(-1)}))
            for kpi, ds in g["sensitivity"].items():
                d = pd.DataFrame({"variant": variant, "kpi": kpi, "parameter": axes, "prcc": ds[...]})
                if "sensitivity_interval" in g and kpi in g["sensitivity_interval"]:
                    ci = g["sensitivity_interval"][kpi][...]
                    d["prcc_p5"], d["prcc_p95"] = ci[:, 0], ci[:, 1]
                sens.append(d)
    return {"parameters": params, "summary": pd.concat(summ, ignore_index=True),
            "sensitivity": pd.concat(sens, ignore_index=True)}


def read_track(path):
    """A tracker file (`yjsim track -o`): one row per quarterly cohort with every [C] dataset as a column."""
    with h5py.File(path, "r") as f:
        _check(f, "yjsim-results")
        t = f["track"]
        cohorts = [_text(c) for c in t.attrs["cohorts"]]
        cols = {"cohort": cohorts,
                "complete_month": [_text(c) for c in t.attrs["complete_month"]],
                "publication_month": [_text(c) for c in t.attrs["publication_month"]]}
        for name, ds in t.items():
            if isinstance(ds, h5py.Dataset) and ds.ndim == 1 and ds.shape[0] == len(cohorts):
                cols[name] = ds[...]
    return pd.DataFrame(cols)


def fan_chart(df, kpi, png, variant="baseline"):
    """The standard fan chart: the mean over replicates per period with its 50% and 90% bands."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    d = df[(df["kpi"] == kpi) & (df["variant"] == variant)]
    if d.empty:
        raise ValueError(f"no {kpi} for variant {variant}")
    g = d.groupby(["period", "label"])["value"]
    q = g.quantile([0.05, 0.25, 0.75, 0.95]).unstack().reset_index()
    mean = g.mean().reset_index()["value"]
    fig, ax = plt.subplots(figsize=(8, 4))
    x = q["period"]
    ax.fill_between(x, q[0.05], q[0.95], alpha=0.2, color="C0", label="90% of replicates")
    ax.fill_between(x, q[0.25], q[0.75], alpha=0.35, color="C0", label="50%")
    ax.plot(x, mean, color="C0", label="mean")
    ax.set_xticks(x[::2], q["label"][::2], rotation=45, ha="right")
    ax.set_ylabel(f"{kpi} ({d['unit'].iloc[0]})")
    ax.set_title(f"{kpi}, {variant}")
    ax.legend(loc="best")
    fig.tight_layout()
    fig.savefig(png, dpi=100)
    plt.close(fig)


def main(argv):
    ap = argparse.ArgumentParser(description="Print a yjsim HDF5 file as tidy tables; draw a fan chart.")
    ap.add_argument("file")
    ap.add_argument("--kpi", default="reoffences")
    ap.add_argument("--variant", default="baseline")
    ap.add_argument("--png", help="write the fan chart of --kpi here (run files)")
    a = ap.parse_args(argv)
    with h5py.File(a.file, "r") as f:
        fmt, is_track = _text(f.attrs.get("format", "")), "track" in f
    if fmt == "yjsim-sweep":
        s = read_sweep(a.file)
        print(s["parameters"].head().to_string(index=False))
        top = s["sensitivity"][s["sensitivity"]["kpi"] == a.kpi]
        print(top.to_string(index=False))
    elif is_track:
        print(read_track(a.file).to_string(index=False))
    else:
        df = read_run(a.file)
        s = summary(df)
        print(s[(s["kpi"] == a.kpi)].to_string(index=False))
        if a.png:
            fan_chart(df, a.kpi, a.png, a.variant)
            print(f"fan chart written to {a.png}")


if __name__ == "__main__":
    main(sys.argv[1:])
