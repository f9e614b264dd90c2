// HDF5 results (CONTRACT.md, format_version 1), written with the HDF5 C API through a temporary file.
#include <hdf5.h>
#include <oneapi/tbb/version.h>
#include <toml++/toml.h>

#include <boost/version.hpp>
#include <ctime>
#include <vector>

#include "io/atomic_file.h"
#include "io/writers.h"
#include "sim/errors.h"

namespace yjsim::io {

namespace {

// Closes an HDF5 handle when it goes out of scope; a negative id is an HDF5 failure.
class Handle {
 public:
  Handle(hid_t id, herr_t (*close)(hid_t), const std::string& what) : id_(id), close_(close) {
    if (id_ < 0) throw sim::IoError("HDF5: cannot create " + what);
  }
  ~Handle() { close_(id_); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  operator hid_t() const { return id_; }

 private:
  hid_t id_;
  herr_t (*close_)(hid_t);
};

void check(herr_t status, const std::string& what) {
  if (status < 0) throw sim::IoError("HDF5: cannot write " + what);
}

void attr_string(hid_t obj, const char* name, const std::string& value) {
  Handle type(H5Tcopy(H5T_C_S1), H5Tclose, name);
  check(H5Tset_size(type, H5T_VARIABLE), name);
  check(H5Tset_cset(type, H5T_CSET_UTF8), name);
  Handle space(H5Screate(H5S_SCALAR), H5Sclose, name);
  Handle attr(H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose, name);
  const char* p = value.c_str();
  check(H5Awrite(attr, type, &p), name);
}

template <typename T>
void attr_number(hid_t obj, const char* name, T value, hid_t type) {
  Handle space(H5Screate(H5S_SCALAR), H5Sclose, name);
  Handle attr(H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose, name);
  check(H5Awrite(attr, type, &value), name);
}

void matrix(hid_t group, const std::string& name, const std::vector<double>& data, hsize_t rows, hsize_t cols,
            const models::KpiDef& def) {
  const hsize_t dims[2] = {rows, cols};
  Handle space(H5Screate_simple(2, dims, nullptr), H5Sclose, name);
  Handle set(H5Dcreate2(group, name.c_str(), H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
             H5Dclose, name);
  if (!data.empty()) check(H5Dwrite(set, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()), name);
  attr_string(set, "unit", def.unit);
  attr_string(set, "definition", def.definition);
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

struct PeriodRow {
  long long index;
  char label[16];
  char first_month[8];
  char last_month[8];
  char cohort_complete_month[8];
};

void copy_str(char* dst, std::size_t n, const std::string& s) {
  std::snprintf(dst, n, "%s", s.c_str());
}

void periods_table(hid_t file, const models::Results& r) {
  std::vector<PeriodRow> rows;
  for (long p = 0; p < r.calendar.periods(); ++p) {
    const auto per = r.calendar.period(p);
    PeriodRow row{p, {}, {}, {}, {}};
    copy_str(row.label, sizeof row.label, per.label);
    copy_str(row.first_month, sizeof row.first_month, r.calendar.at(per.first_month).iso());
    copy_str(row.last_month, sizeof row.last_month, r.calendar.at(per.last_month).iso());
    copy_str(row.cohort_complete_month, sizeof row.cohort_complete_month,
             r.calendar.at(models::cohort_complete_month(r.calendar, p)).iso());
    rows.push_back(row);
  }
  auto str_type = [](std::size_t n) {
    hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, n);
    H5Tset_strpad(t, H5T_STR_NULLTERM);
    return t;
  };
  Handle s16(str_type(16), H5Tclose, "string type"), s8(str_type(8), H5Tclose, "string type");
  Handle type(H5Tcreate(H5T_COMPOUND, sizeof(PeriodRow)), H5Tclose, "periods type");
  check(H5Tinsert(type, "index", HOFFSET(PeriodRow, index), H5T_NATIVE_LLONG), "periods");
  check(H5Tinsert(type, "label", HOFFSET(PeriodRow, label), s16), "periods");
  check(H5Tinsert(type, "first_month", HOFFSET(PeriodRow, first_month), s8), "periods");
  check(H5Tinsert(type, "last_month", HOFFSET(PeriodRow, last_month), s8), "periods");
  check(H5Tinsert(type, "cohort_complete_month", HOFFSET(PeriodRow, cohort_complete_month), s8), "periods");
  const hsize_t dims[1] = {rows.size()};
  Handle space(H5Screate_simple(1, dims, nullptr), H5Sclose, "periods");
  Handle set(H5Dcreate2(file, "periods", type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Dclose, "periods");
  if (!rows.empty()) check(H5Dwrite(set, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, rows.data()), "periods");
  attr_string(set, "definition",
              "consecutive 3-month periods from run.start, labelled by the calendar quarter of their first month; "
              "cohort_complete_month = last month + 18, when the period's reoffending figure is complete (MODEL.md 6.2)");
}

std::string utc_now() {
  char buf[32];
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string library_versions() {
  unsigned maj = 0, min = 0, rel = 0;
  H5get_libversion(&maj, &min, &rel);
  return "HDF5 " + std::to_string(maj) + "." + std::to_string(min) + "." + std::to_string(rel) + "; oneTBB " +
         std::to_string(TBB_VERSION_MAJOR) + "." + std::to_string(TBB_VERSION_MINOR) + "; Boost " +
         std::to_string(BOOST_VERSION / 100000) + "." + std::to_string(BOOST_VERSION / 100 % 1000) +
         "; toml++ " + std::to_string(TOML_LIB_MAJOR) + "." + std::to_string(TOML_LIB_MINOR) +
         "; Random123 Philox4x64-10";
}

void write_file(hid_t file, const models::Results& r, const RunInfo& info) {
  attr_string(file, "format", "yjsim-results");
  attr_number<long long>(file, "format_version", 1, H5T_NATIVE_LLONG);
  attr_string(file, "yjsim_version", version_string());
  attr_string(file, "library_versions", library_versions());
  attr_string(file, "created_utc", utc_now());
  attr_number<unsigned long long>(file, "seed", r.seed, H5T_NATIVE_ULLONG);
  attr_number<long long>(file, "replicates", r.replicates, H5T_NATIVE_LLONG);
  attr_number<long long>(file, "months", r.calendar.months(), H5T_NATIVE_LLONG);
  attr_string(file, "start", r.calendar.start().iso());
  attr_string(file, "scenario_file", info.scenario_file);
  attr_string(file, "scenario_toml", info.scenario_toml);
  periods_table(file, r);
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

void write_hdf5(const models::Results& r, const RunInfo& info, const std::string& path) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // errors become exceptions, not stderr noise
  AtomicFile out(path);
  {
    Handle file(H5Fcreate(out.temp_path().c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose, path);
    write_file(file, r, info);
  }
  out.commit();
}

}  // namespace yjsim::io
