// HDF5 results (CONTRACT.md, format_version 1), written with the HDF5 C API through a temporary file.
#include <utility>
#include <vector>

#include "io/hdf5_util.h"
#include "io/atomic_file.h"
#include "io/writers.h"
#include "sim/errors.h"

namespace yjsim::io {

namespace {

using h5::Handle;
using h5::attr_string;

void matrix(hid_t group, const std::string& name, std::vector<double>&& data, hsize_t rows, hsize_t cols,
            const models::KpiDef& def, h5::LaterChunks& later) {
  h5::dataset(group, name, std::move(data), {rows, cols}, def.unit, def.definition, later);
}

// [replicates x slots] of one KPI, by period or by year; diff: minus the baseline. Read from the replicates'
// tables in place (Results::values would copy a column per slot).
std::vector<double> gather(const models::Results& r, std::size_t v, int k, bool by_year, bool diff, hsize_t slots) {
  std::vector<double> out;
  out.reserve(static_cast<std::size_t>(r.replicates) * slots);
  const auto row = [&](std::size_t variant, std::size_t rep) -> const std::vector<double>& {
    const auto& kv = r.variants[variant].replicates[rep];
    return (by_year ? kv.year : kv.period)[static_cast<std::size_t>(k)];
  };
  for (std::size_t rep = 0; rep < static_cast<std::size_t>(r.replicates); ++rep)
    for (hsize_t s = 0; s < slots; ++s) out.push_back(diff ? row(v, rep)[s] - row(0, rep)[s] : row(v, rep)[s]);
  return out;
}

// /variants/<name>/breakdown/<dimension>/<kpi> [replicates x periods x categories] (and breakdown_yearly/,
// [replicates x years x categories]), with the category labels as an attribute (docs/hdf5.md).
void write_breakdowns(hid_t g, const models::Results& r, std::size_t v, h5::LaterChunks& later) {
  const auto reps = static_cast<hsize_t>(r.replicates);
  for (const bool by_year : {false, true}) {
    const auto slots = static_cast<hsize_t>(by_year ? r.calendar.years() : r.calendar.periods());
    const char* group_name = by_year ? "breakdown_yearly" : "breakdown";
    Handle bg(H5Gcreate2(g, group_name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose, group_name);
    for (const auto& b : models::breakdown_table()) {
      Handle dg(H5Gcreate2(bg, b.dimension, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose, b.dimension);
      const auto ncat = static_cast<hsize_t>(b.categories.size());
      for (std::size_t j = 0; j < b.kpis.size(); ++j) {
        std::vector<double> data;  // [replicate][slot][category], read from the replicates' cells in place
        data.reserve(static_cast<std::size_t>(reps * slots * ncat));
        for (const auto& kv : r.variants[v].replicates) {
          const auto& cells = by_year ? kv.cells_year : kv.cells_period;
          for (hsize_t s = 0; s < slots; ++s)
            for (std::size_t cat = 0; cat < b.categories.size(); ++cat)
              data.push_back(cells[static_cast<std::size_t>(b.cell(j, cat))][s]);
        }
        const auto& def = models::kpi_table()[static_cast<std::size_t>(models::kpi_index(b.kpis[j]))];
        h5::dataset(dg, b.kpis[j], std::move(data), {reps, slots, ncat}, def.unit,
                    std::string(def.definition) + ", by " + b.dimension + ": " + b.definition, later);
        Handle ds(H5Dopen2(dg, b.kpis[j], H5P_DEFAULT), H5Dclose, b.kpis[j]);
        h5::attr_strings(ds, "categories", {b.categories.begin(), b.categories.end()});
      }
    }
  }
}

void write_file(hid_t file, const models::Results& r, const RunInfo& info) {
  attr_string(file, "format", "yjsim-results");
  h5::attr_int(file, "format_version", 2);  // 2: breakdowns (docs/hdf5.md)
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
  h5::LaterChunks later;  // the large datasets' data, compressed in parallel at the end
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
        matrix(kg, defs[k].name, gather(r, v, static_cast<int>(k), false, diff, periods), reps, periods, defs[k],
               later);
      models::KpiDef yearly = defs[static_cast<std::size_t>(ccs)];
      yearly.definition = "distinct children aged 10-17 with a YC, YCC or conviction in the horizon year (MODEL.md 6.4)";
      matrix(kg, "children_cautioned_or_sentenced_yearly", gather(r, v, ccs, true, diff, years), reps, years, yearly,
             later);
    }
    write_breakdowns(g, r, v, later);
  }
  later.write();
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
