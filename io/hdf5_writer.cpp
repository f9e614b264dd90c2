// HDF5 results (CONTRACT.md, format_version 1), written with the HDF5 C API through a temporary file.
#include <vector>

#include "io/hdf5_util.h"
#include "io/atomic_file.h"
#include "io/writers.h"
#include "sim/errors.h"

namespace yjsim::io {

namespace {

using h5::Handle;
using h5::attr_string;

void matrix(hid_t group, const std::string& name, const std::vector<double>& data, hsize_t rows, hsize_t cols,
            const models::KpiDef& def) {
  h5::dataset(group, name, data, {rows, cols}, def.unit, def.definition);
}

// [replicates x slots] of one KPI, by period or by year; diff: minus the baseline.
std::vector<double> gather(const models::Results& r, std::size_t v, int k, bool by_year, bool diff, hsize_t slots) {
  std::vector<double> out;
  out.reserve(static_cast<std::size_t>(r.replicates) * slots);
  std::vector<std::vector<double>> cols;
  for (hsize_t s = 0; s < slots; ++s)
    cols.push_back(diff ? r.diffs(v, k, s, by_year) : r.values(v, k, s, by_year));
  for (long rep = 0; rep < r.replicates; ++rep)
    for (hsize_t s = 0; s < slots; ++s) out.push_back(cols[s][static_cast<std::size_t>(rep)]);
  return out;
}

void write_file(hid_t file, const models::Results& r, const RunInfo& info) {
  attr_string(file, "format", "yjsim-results");
  h5::attr_int(file, "format_version", 1);
  attr_string(file, "yjsim_version", version_string());
  attr_string(file, "library_versions", h5::library_versions());
  attr_string(file, "created_utc", h5::utc_now());
  h5::attr_uint(file, "seed", r.seed);
  h5::attr_int(file, "replicates", r.replicates);
  h5::attr_int(file, "months", r.calendar.months());
  attr_string(file, "start", r.calendar.start().iso());
  attr_string(file, "scenario_file", info.scenario_file);
  attr_string(file, "scenario_toml", info.scenario_toml);
  if (!info.scenario_resolved_toml.empty()) attr_string(file, "scenario_resolved_toml", info.scenario_resolved_toml);
  h5::periods_table(file, r.calendar);
  const auto& defs = models::kpi_table();
  const auto reps = static_cast<hsize_t>(r.replicates);
  const auto periods = static_cast<hsize_t>(r.calendar.periods()), years = static_cast<hsize_t>(r.calendar.years());
  const int ccs = models::kpi_index("children_cautioned_or_sentenced");
  Handle variants(H5Gcreate2(file, "variants", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose, "variants");
  for (std::size_t v = 0; v < r.variants.size(); ++v) {
    const auto& vr = r.variants[v];
    Handle g(H5Gcreate2(variants, vr.name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose, vr.name);
    attr_string(g, "description", vr.description);
    for (const bool diff : {false, true}) {
      if (diff && v == 0) continue;
      const char* group_name = diff ? "diff" : "kpi";
      Handle kg(H5Gcreate2(g, group_name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose, group_name);
      for (std::size_t k = 0; k < defs.size(); ++k)
        matrix(kg, defs[k].name, gather(r, v, static_cast<int>(k), false, diff, periods), reps, periods, defs[k]);
      models::KpiDef yearly = defs[static_cast<std::size_t>(ccs)];
      yearly.definition = "distinct children aged 10-17 with a YC, YCC or conviction in the horizon year (MODEL.md 6.4)";
      matrix(kg, "children_cautioned_or_sentenced_yearly", gather(r, v, ccs, true, diff, years), reps, years, yearly);
    }
  }
}

}  // namespace

void write_hdf5(const models::Results& r, const RunInfo& info, const std::string& path, OutputSet& outputs) {
  h5::MemoryFile file;
  write_file(file, r, info);
  file.write_to(outputs.add(path));
}

void write_hdf5(const models::Results& r, const RunInfo& info, const std::string& path) {
  OutputSet outputs;
  write_hdf5(r, info, path, outputs);
  outputs.commit();
}

}  // namespace yjsim::io
