#include "io/sweep_output.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "io/atomic_file.h"
#include "io/hdf5_util.h"
#include "io/writers.h"
#include "input/scenario_writer.h"
#include "analysis/prcc_interval.h"
#include "sim/errors.h"
#include "sim/summary.h"

namespace yjsim::io {

namespace {
constexpr char kMagic[8] = {'Y', 'J', 'S', 'W', 'P', 'T', '0', '1'};

sim::Calendar calendar_of(const input::Sweep& s) {
  const auto& p = s.base.baseline();
  return sim::Calendar(p.run.start, static_cast<long>(p.run.months));
}

// What a saved point belongs to: the sweep file and base scenario (their text) and the seed (the command line's
// --seed changes results without changing either text); the replicates are in the point's shape.
// The points too: a design file or --morris replaces the sweep file's design without changing its text.
std::uint64_t work_key(const input::Sweep& s) {
  std::uint64_t h = s.fingerprint() ^ (s.base.baseline().run.seed * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL);
  for (const auto& p : s.points)
    for (double x : p) {
      std::uint64_t bits = 0;
      std::memcpy(&bits, &x, sizeof bits);
      h = (h ^ bits) * 1099511628211ULL;
    }
  return h;
}

std::string point_path(const std::string& output, std::size_t point) {
  char name[32];
  std::snprintf(name, sizeof name, "point_%06zu.bin", point);
  return parts_dir(output) + "/" + name;
}
}  // namespace

PointShape point_shape(const input::Sweep& s) {
  const auto cal = calendar_of(s);
  return {s.base.variants.size(), models::kpi_table().size(), static_cast<std::size_t>(s.base.baseline().run.replicates),
          static_cast<std::size_t>(cal.periods()), static_cast<std::size_t>(cal.years())};
}

std::vector<double> flatten(const models::Results& r) {
  std::vector<double> out;
  for (long rep = 0; rep < r.replicates; ++rep)
    for (const auto& v : r.variants) {
      const auto& k = v.replicates[static_cast<std::size_t>(rep)];
      for (std::size_t i = 0; i < k.period.size(); ++i) {
        out.insert(out.end(), k.period[i].begin(), k.period[i].end());
        out.insert(out.end(), k.year[i].begin(), k.year[i].end());
      }
    }
  return out;
}

models::Results unflatten(const std::vector<double>& data, const input::Sweep& s) {
  const auto shape = point_shape(s);
  const auto cal = calendar_of(s);
  models::Results r{cal, s.base.baseline().run.seed, static_cast<long>(shape.replicates), 0, {}, {}, 0, 0, {}};
  for (long p = 0; p < cal.periods(); ++p) {
    const auto per = cal.period(p);
    r.months_in_period.push_back(per.last_month - per.first_month + 1);
  }
  for (const auto& v : s.base.variants) r.variants.push_back({v.name, v.description, {}, {}});
  std::size_t at = 0;
  for (std::size_t rep = 0; rep < shape.replicates; ++rep)
    for (std::size_t v = 0; v < shape.variants; ++v) {
      models::KpiValues k{std::vector<std::vector<double>>(shape.kpis), std::vector<std::vector<double>>(shape.kpis), {}, {}};  // no breakdowns in sweeps
      for (std::size_t i = 0; i < shape.kpis; ++i) {
        k.period[i].assign(data.begin() + static_cast<long>(at), data.begin() + static_cast<long>(at + shape.periods));
        at += shape.periods;
        k.year[i].assign(data.begin() + static_cast<long>(at), data.begin() + static_cast<long>(at + shape.years));
        at += shape.years;
      }
      r.variants[v].replicates.push_back(std::move(k));
    }
  return r;
}

std::string parts_dir(const std::string& output) { return output + ".parts"; }

void write_point(const std::string& output, const input::Sweep& s, std::size_t point, const std::vector<double>& data) {
  const auto shape = point_shape(s);
  if (data.size() != shape.size()) throw sim::IoError("sweep point " + std::to_string(point) + ": wrong number of values");
  ensure_writable_dir(parts_dir(output));
  AtomicFile out(point_path(output, point));
  const std::uint64_t head[] = {work_key(s), point, shape.variants, shape.kpis, shape.replicates, shape.periods,
                                shape.years};
  out.write(kMagic, sizeof kMagic);
  out.write(head, sizeof head);
  out.write(data.data(), data.size() * sizeof(double));
  out.commit();
}

std::optional<std::vector<double>> read_point(const std::string& output, const input::Sweep& s, std::size_t point) {
  std::ifstream f(point_path(output, point), std::ios::binary);
  if (!f) return std::nullopt;
  const auto shape = point_shape(s);
  char magic[8];
  std::uint64_t head[7];
  f.read(magic, sizeof magic);
  f.read(reinterpret_cast<char*>(head), sizeof head);
  const std::uint64_t want[] = {work_key(s), point, shape.variants, shape.kpis, shape.replicates, shape.periods,
                                shape.years};
  if (!f || std::memcmp(magic, kMagic, sizeof kMagic) != 0 || std::memcmp(head, want, sizeof head) != 0)
    return std::nullopt;  // another sweep's or a damaged file: the point is run again
  std::vector<double> data(shape.size());
  f.read(reinterpret_cast<char*>(data.data()), static_cast<std::streamsize>(data.size() * sizeof(double)));
  if (!f) return std::nullopt;
  return data;
}

std::size_t foreign_points(const std::string& output, const input::Sweep& s) {
  std::size_t n = 0;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(parts_dir(output), ec)) {
    const std::string name = e.path().filename().string();
    std::size_t point = 0;
    if (name.size() != 16 || name.rfind("point_", 0) != 0 || name.substr(12) != ".bin") continue;
    try {
      point = std::stoul(name.substr(6, 6));
    } catch (const std::exception&) {
      continue;
    }
    if (point >= s.points.size() || !read_point(output, s, point)) ++n;
  }
  return n;
}

namespace {

// One variable-length UTF-8 string per point (the resolved scenario of each point).
void string_dataset(hid_t parent, const std::string& name, const std::vector<std::string>& values,
                    const std::string& definition) {
  h5::Handle type(H5Tcopy(H5T_C_S1), H5Tclose, name);
  h5::check(H5Tset_size(type, H5T_VARIABLE), name);
  h5::check(H5Tset_cset(type, H5T_CSET_UTF8), name);
  const hsize_t dims[1] = {values.size()};
  h5::Handle space(H5Screate_simple(1, dims, nullptr), H5Sclose, name);
  h5::Handle ds(H5Dcreate2(parent, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Dclose, name);
  std::vector<const char*> ptrs;
  for (const auto& v : values) ptrs.push_back(v.c_str());
  if (!values.empty()) h5::check(H5Dwrite(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()), name);
  h5::attr_string(ds, "unit", "TOML text");
  h5::attr_string(ds, "definition", definition);
}

void write_variant(hid_t parent, const input::Sweep& s, const std::vector<models::Results>& pts, std::size_t v,
                   const std::vector<std::vector<double>>& prcc_v,
                   const std::vector<std::vector<analysis::MorrisEffect>>* morris,
                   const std::vector<std::vector<analysis::SobolIndex>>* sobol) {
  const auto shape = point_shape(s);
  const auto& defs = models::kpi_table();
  const auto np = static_cast<hsize_t>(pts.size());
  const auto& var = s.base.variants[v];
  h5::Handle g(h5::group(parent, var.name), H5Gclose, var.name);
  h5::attr_string(g, "description", var.description);
  for (const bool diff : {false, true}) {
    if (diff && v == 0) continue;
    const std::string base = diff ? "diff" : "kpi";
    h5::Handle raw(h5::group(g, base), H5Gclose, base);
    h5::Handle yearly(h5::group(g, base + "_yearly"), H5Gclose, base);
    h5::Handle summary(h5::group(g, base + "_summary"), H5Gclose, base);
    for (std::size_t k = 0; k < defs.size(); ++k) {
      std::vector<double> per, yr, sum;
      for (const auto& r : pts) {
        for (std::size_t rep = 0; rep < shape.replicates; ++rep) {
          for (std::size_t p = 0; p < shape.periods; ++p) {
            const double x = r.variants[v].replicates[rep].period[k][p];
            per.push_back(diff ? x - r.variants[0].replicates[rep].period[k][p] : x);
          }
        }
        for (std::size_t rep = 0; rep < shape.replicates; ++rep)
          for (std::size_t y = 0; y < shape.years; ++y) {
            const double x = r.variants[v].replicates[rep].year[k][y];
            yr.push_back(diff ? x - r.variants[0].replicates[rep].year[k][y] : x);
          }
        for (std::size_t p = 0; p < shape.periods; ++p) {
          const auto vals = diff ? r.diffs(v, static_cast<int>(k), p, false) : r.values(v, static_cast<int>(k), p, false);
          const auto st = sim::summarise(vals);
          sum.insert(sum.end(), {st.mean, st.p5, st.p50, st.p95});
        }
      }
      const std::string def = std::string(diff ? "paired difference, variant minus baseline: " : "") + defs[k].definition;
      h5::dataset(raw, defs[k].name, per, {np, shape.replicates, shape.periods}, defs[k].unit, def);
      h5::dataset(yearly, defs[k].name, yr, {np, shape.replicates, shape.years}, defs[k].unit, def + " (horizon years)");
      h5::dataset(summary, defs[k].name, sum, {np, shape.periods, 4}, defs[k].unit,
                  def + " (over replicates: mean, 5th, 50th, 95th percentile)");
    }
  }
  h5::Handle sens(h5::group(g, "sensitivity"), H5Gclose, "sensitivity");
  for (std::size_t k = 0; k < defs.size(); ++k)
    h5::dataset(sens, defs[k].name, prcc_v[k], {static_cast<hsize_t>(s.axes.size())}, "PRCC (-1 .. 1)",
                std::string("partial rank correlation of each axis with the horizon mean of ") +
                    (v ? "the paired difference in " : "") + defs[k].name + " over the points, in /sweep/parameters column order");
  // 90% intervals of each PRCC by Fisher's z (analysis/prcc_interval.h).
  h5::Handle ci(h5::group(g, "sensitivity_interval"), H5Gclose, "sensitivity_interval");
  for (std::size_t k = 0; k < defs.size(); ++k) {
    std::vector<double> lh;
    for (double r : prcc_v[k]) {
      const auto i = analysis::prcc_interval(r, s.points.size(), s.axes.size());
      lh.push_back(i.low);
      lh.push_back(i.high);
    }
    h5::dataset(ci, defs[k].name, lh, {static_cast<hsize_t>(s.axes.size()), 2}, "PRCC (-1 .. 1)",
                std::string("90% interval (5th, 95th percentile) of each axis's PRCC with ") + defs[k].name +
                    " by Fisher's z, standard error 1 / sqrt(points - 3 - (axes - 1))");
  }
  if (sobol) {
    h5::Handle sg(h5::group(g, "sobol"), H5Gclose, "sobol");
    for (std::size_t k = 0; k < defs.size(); ++k) {
      std::vector<double> m;
      for (const auto& e : (*sobol)[k]) m.insert(m.end(), {e.first, e.total});
      h5::dataset(sg, defs[k].name, m, {static_cast<hsize_t>(s.axes.size()), 2}, "share of variance (0 .. 1)",
                  std::string("Sobol first-order and total indices of each axis on the horizon mean of ") +
                      (v ? "the paired difference in " : "") + defs[k].name + " (Saltelli design, Jansen estimators)");
    }
  }
  if (!morris) return;
  h5::Handle mg(h5::group(g, "morris"), H5Gclose, "morris");
  for (std::size_t k = 0; k < defs.size(); ++k) {
    std::vector<double> m;
    for (const auto& e : (*morris)[k]) m.insert(m.end(), {e.mu, e.mu_star, e.sigma});
    h5::dataset(mg, defs[k].name, m, {static_cast<hsize_t>(s.axes.size()), 3}, std::string(defs[k].unit) + " per unit of the axis's range",
                std::string("Morris elementary effects of each axis on the horizon mean of ") + (v ? "the paired difference in " : "") +
                    defs[k].name + ": mu, mu* (mean of absolute effects), sigma; an effect is the change over a step of the range's delta, divided by delta");
  }
}

}  // namespace

std::vector<models::Results> load_points(const std::string& output, const input::Sweep& s) {
  std::vector<models::Results> pts;
  for (std::size_t p = 0; p < s.points.size(); ++p) {
    auto data = read_point(output, s, p);
    if (!data) throw sim::IoError("sweep point " + std::to_string(p) + " is missing from " + parts_dir(output));
    pts.push_back(unflatten(*data, s));
  }
  return pts;
}

void write_sweep_hdf5(const std::string& output, const input::Sweep& s, const std::vector<models::Results>& pts,
                      const analysis::SweepSensitivity& sens, const SweepExtras& extras) {
  const auto& base = s.base.baseline();
  AtomicFile out(output);
  h5::MemoryFile file;
  {  // every group closed before the file's bytes are taken
    h5::attr_string(file, "format", "yjsim-sweep");
    h5::attr_int(file, "format_version", 1);
    h5::attr_string(file, "yjsim_version", version_string());
    h5::attr_string(file, "library_versions", h5::library_versions());
    h5::attr_string(file, "created_utc", h5::utc_now());
    h5::attr_uint(file, "seed", base.run.seed);
    h5::attr_int(file, "replicates", static_cast<long long>(base.run.replicates));
    h5::attr_int(file, "months", static_cast<long long>(base.run.months));
    h5::attr_string(file, "start", base.run.start.iso());
    h5::attr_string(file, "sweep_file", s.file);
    h5::attr_string(file, "sweep_toml", s.text);
    h5::attr_string(file, "scenario_file", s.base_file);
    h5::attr_string(file, "scenario_toml", s.base.text);
    h5::periods_table(file, calendar_of(s));
    h5::Handle sweep(h5::group(file, "sweep"), H5Gclose, "sweep");
    h5::attr_string(sweep, "design", extras.design.empty() ? input::design_name(s.design) : extras.design);
    h5::attr_int(sweep, "points", static_cast<long long>(s.points.size()));
    h5::attr_uint(sweep, "lhs_seed", s.lhs_seed);
    std::string names;
    for (const auto& a : s.axes) names += (names.empty() ? "" : ",") + a.parameter;
    h5::attr_string(sweep, "axes", names);
    std::vector<double> params;
    for (const auto& p : s.points) params.insert(params.end(), p.begin(), p.end());
    h5::dataset(sweep, "parameters", params, {s.points.size(), s.axes.size()}, "as each parameter",
                "the value of each axis (columns in the order of the attribute /sweep axes) at each point");
    std::vector<std::string> resolved;
    for (std::size_t p = 0; p < s.points.size(); ++p) resolved.push_back(input::scenario_to_toml(input::scenario_at(s, p)));
    string_dataset(sweep, "scenario_resolved_toml", resolved,
                   "each point's scenario with every parameter and intervention written out in full (its axis values "
                   "set, catalogue entries expanded): runs with `yjsim run` to repeat the point");
    h5::Handle variants(h5::group(sweep, "variants"), H5Gclose, "variants");
    for (std::size_t v = 0; v < s.base.variants.size(); ++v)
      write_variant(variants, s, pts, v, sens[v], extras.morris.empty() ? nullptr : &extras.morris[v],
                    extras.sobol.empty() ? nullptr : &extras.sobol[v]);
  }
  file.write_to(out);
  out.commit();
}

}  // namespace yjsim::io
