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
#include "sim/errors.h"
#include "sim/summary.h"

namespace yjsim::io {

namespace {
constexpr char kMagic[8] = {'Y', 'J', 'S', 'W', 'P', 'T', '0', '1'};

sim::Calendar calendar_of(const input::Sweep& s) {
  const auto& p = s.base.baseline();
  return sim::Calendar(p.run.start, static_cast<long>(p.run.months));
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
  const std::uint64_t head[] = {s.fingerprint(), point, shape.variants, shape.kpis, shape.replicates, shape.periods,
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
  const std::uint64_t want[] = {s.fingerprint(), point, shape.variants, shape.kpis, shape.replicates, shape.periods,
                                shape.years};
  if (!f || std::memcmp(magic, kMagic, sizeof kMagic) != 0 || std::memcmp(head, want, sizeof head) != 0)
    return std::nullopt;  // another sweep's or a damaged file: the point is run again
  std::vector<double> data(shape.size());
  f.read(reinterpret_cast<char*>(data.data()), static_cast<std::streamsize>(data.size() * sizeof(double)));
  if (!f) return std::nullopt;
  return data;
}

namespace {

void write_variant(hid_t parent, const input::Sweep& s, const std::vector<models::Results>& pts, std::size_t v,
                   const std::vector<std::vector<double>>& prcc_v) {
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
                      const analysis::SweepSensitivity& sens) {
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
    h5::attr_string(sweep, "design", input::design_name(s.design));
    h5::attr_int(sweep, "points", static_cast<long long>(s.points.size()));
    h5::attr_uint(sweep, "lhs_seed", s.lhs_seed);
    std::string names;
    for (const auto& a : s.axes) names += (names.empty() ? "" : ",") + a.parameter;
    h5::attr_string(sweep, "axes", names);
    std::vector<double> params;
    for (const auto& p : s.points) params.insert(params.end(), p.begin(), p.end());
    h5::dataset(sweep, "parameters", params, {s.points.size(), s.axes.size()}, "as each parameter",
                "the value of each axis (columns in the order of the attribute /sweep axes) at each point");
    h5::Handle variants(h5::group(sweep, "variants"), H5Gclose, "variants");
    for (std::size_t v = 0; v < s.base.variants.size(); ++v) write_variant(variants, s, pts, v, sens[v]);
  }
  file.write_to(out);
  out.commit();
}

}  // namespace yjsim::io
