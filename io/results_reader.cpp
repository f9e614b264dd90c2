#include "io/results_reader.h"

#include <hdf5.h>

#include <cmath>
#include <fstream>

#include "input/cohort.h"
#include "io/hdf5_util.h"
#include "sim/errors.h"

namespace yjsim::io {

namespace {
using h5::Handle;

[[noreturn]] void bad(const std::string& path, const std::string& field, const std::string& found, const std::string& allowed) {
  throw sim::InputError(path, 0, field, found, allowed);
}

std::string read_string(hid_t obj, const char* name, const std::string& path) {
  if (H5Aexists(obj, name) <= 0) bad(path, name, "no such attribute", "a results file written by yjsim run (docs/hdf5.md)");
  Handle attr(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose, name);
  Handle type(H5Tcopy(H5T_C_S1), H5Tclose, name);
  h5::check(H5Tset_size(type, H5T_VARIABLE), name);
  h5::check(H5Tset_cset(type, H5T_CSET_UTF8), name);
  char* p = nullptr;
  h5::check(H5Aread(attr, type, &p), name);
  std::string s = p ? p : "";
  H5free_memory(p);
  return s;
}

template <class T>
T read_number(hid_t obj, const char* name, hid_t type, const std::string& path) {
  if (H5Aexists(obj, name) <= 0) bad(path, name, "no such attribute", "a results file written by yjsim run (docs/hdf5.md)");
  Handle attr(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose, name);
  T v{};
  h5::check(H5Aread(attr, type, &v), name);
  return v;
}

std::vector<std::string> children(hid_t group) {
  H5G_info_t info{};
  h5::check(H5Gget_info(group, &info), "group");
  std::vector<std::string> names;
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    const ssize_t n = H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    if (n < 0) throw sim::IoError("HDF5: cannot read a group's links");
    std::string name(static_cast<std::size_t>(n), '\0');
    H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), static_cast<std::size_t>(n) + 1, H5P_DEFAULT);
    names.push_back(name);
  }
  return names;
}

std::vector<std::string> read_strings(hid_t obj, const char* name, const std::string& path) {
  if (H5Aexists(obj, name) <= 0) bad(path, name, "no such attribute", "a file written by yjsim track -o (docs/hdf5.md)");
  Handle attr(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose, name);
  Handle space(H5Aget_space(attr), H5Sclose, name);
  const auto n = H5Sget_simple_extent_npoints(space);
  Handle type(H5Tcopy(H5T_C_S1), H5Tclose, name);
  h5::check(H5Tset_size(type, H5T_VARIABLE), name);
  h5::check(H5Tset_cset(type, H5T_CSET_UTF8), name);
  std::vector<char*> p(static_cast<std::size_t>(n > 0 ? n : 0), nullptr);
  if (!p.empty()) h5::check(H5Aread(attr, type, p.data()), name);
  std::vector<std::string> out;
  for (char* c : p) {
    out.push_back(c ? c : "");
    H5free_memory(c);
  }
  return out;
}

std::vector<double> read_matrix(hid_t group, const std::string& name) {
  Handle ds(H5Dopen2(group, name.c_str(), H5P_DEFAULT), H5Dclose, name);
  Handle space(H5Dget_space(ds), H5Sclose, name);
  const auto n = H5Sget_simple_extent_npoints(space);
  std::vector<double> x(static_cast<std::size_t>(n > 0 ? n : 0));
  if (!x.empty()) h5::check(H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, x.data()), name);
  return x;
}
}  // namespace

bool is_hdf5_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char sig[8] = {};
  in.read(sig, 8);
  return in.gcount() == 8 && std::string(sig, 8) == std::string("\x89HDF\r\n\x1a\n", 8);
}

std::string stored_format(const std::string& path) {
  if (!is_hdf5_file(path)) return "";
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  const hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (id < 0) return "";
  Handle file(id, H5Fclose, path);
  if (H5Aexists(file, "format") <= 0) return "";
  try {
    return read_string(file, "format", path);
  } catch (const std::exception&) {
    return "";
  }
}

StoredRun read_results_file(const std::string& path) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // our own messages, not HDF5's error stack
  if (!is_hdf5_file(path)) bad(path, "file", "not an HDF5 file", "a results file written by yjsim run, or a scenario (.toml)");
  const hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (id < 0) bad(path, "file", "an HDF5 file that cannot be opened", "a results file written by yjsim run");
  Handle file(id, H5Fclose, path);
  StoredRun s;
  s.path = path;
  if (read_string(file, "format", path) != "yjsim-results") bad(path, "format", "another format", "\"yjsim-results\"");
  s.format_version = read_number<long long>(file, "format_version", H5T_NATIVE_LLONG, path);
  s.yjsim_version = read_string(file, "yjsim_version", path);
  s.scenario_file = read_string(file, "scenario_file", path);
  s.scenario_toml = read_string(file, "scenario_toml", path);
  s.scenario_resolved_toml = read_string(file, "scenario_resolved_toml", path);
  s.start = read_string(file, "start", path);
  s.seed = read_number<unsigned long long>(file, "seed", H5T_NATIVE_ULLONG, path);
  s.replicates = static_cast<long>(read_number<long long>(file, "replicates", H5T_NATIVE_LLONG, path));
  s.months = static_cast<long>(read_number<long long>(file, "months", H5T_NATIVE_LLONG, path));
  if (H5Lexists(file, "variants", H5P_DEFAULT) <= 0) bad(path, "/variants", "missing", "one group per variant");
  Handle variants(H5Gopen2(file, "variants", H5P_DEFAULT), H5Gclose, "variants");
  for (const auto& v : children(variants)) {
    Handle kpi(H5Gopen2(variants, (v + "/kpi").c_str(), H5P_DEFAULT), H5Gclose, v + "/kpi");
    for (const auto& k : children(kpi)) s.kpi[v][k] = read_matrix(kpi, k);
  }
  return s;
}

namespace {
// "2020-06" as a month index (input::Date::month_index).
long month_index_of(const std::string& iso, const std::string& path, const char* field) {
  const auto d = input::Date::parse(iso + "-01");
  if (!d) bad(path, field, "\"" + iso + "\"", "a month \"YYYY-MM\"");
  return d->month_index();
}
}  // namespace

bool is_track_file(const std::string& path) {
  if (stored_format(path) != "yjsim-results") return false;
  const hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (id < 0) return false;
  Handle file(id, H5Fclose, path);
  return H5Lexists(file, "track", H5P_DEFAULT) > 0;
}

StoredTrack read_track_file(const std::string& path) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  if (!is_track_file(path)) bad(path, "/track", "missing", "a file written by yjsim track -o (docs/hdf5.md)");
  Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose, path);
  StoredTrack s;
  s.path = path;
  s.yjsim_version = read_string(file, "yjsim_version", path);
  s.scenario_file = read_string(file, "scenario_file", path);
  Handle g(H5Gopen2(file, "track", H5P_DEFAULT), H5Gclose, "track");
  s.children_file = read_string(g, "children_file", path);
  s.events_file = read_string(g, "events_file", path);
  analysis::TrackResult& t = s.result;
  const auto as_of = input::Date::parse(read_string(g, "as_of", path));
  if (!as_of) bad(path, "/track as_of", "not a date", "YYYY-MM-DD");
  t.as_of = *as_of;
  t.draws = static_cast<long>(read_number<long long>(g, "draws", H5T_NATIVE_LLONG, path));
  t.parameter_sets = static_cast<std::size_t>(read_number<long long>(g, "parameter_sets", H5T_NATIVE_LLONG, path));
  t.reference_entries = static_cast<std::size_t>(read_number<long long>(g, "reference_entries", H5T_NATIVE_LLONG, path));
  if (H5Aexists(g, "target_binary") > 0) t.target_binary = std::stod(read_string(g, "target_binary", path));
  if (H5Aexists(g, "target_frequency") > 0) t.target_frequency = std::stod(read_string(g, "target_frequency", path));
  const auto labels = read_strings(g, "cohorts", path), complete = read_strings(g, "complete_month", path),
             published = read_strings(g, "publication_month", path);
  const std::size_t n = labels.size();
  auto column = [&](const char* name) {
    auto v = H5Lexists(g, name, H5P_DEFAULT) > 0 ? read_matrix(g, name) : std::vector<double>(n, NAN);
    if (v.size() != n) bad(path, std::string("/track/") + name, std::to_string(v.size()) + " values", std::to_string(n) + ", one per cohort");
    return v;
  };
  const auto size = column("cohort_size"), reoffenders = column("reoffenders_to_date"), reoffences = column("reoffences_to_date"),
             pending = column("pending_offences"), binary = column("binary_to_date"), frequency = column("frequency_to_date"),
             concentration = column("concentration_to_date"), concentration_final = column("concentration_final"),
             p_binary = column("p_binary_below_target"), p_frequency = column("p_frequency_below_target");
  auto projection = [&](const std::string& w) {
    std::vector<analysis::Projection> out(n);
    const auto mean = column((w + "_mean").c_str()), p05 = column((w + "_p05").c_str()), p50 = column((w + "_p50").c_str()),
               p95 = column((w + "_p95").c_str()), sdp = column((w + "_sd_parameter").c_str()),
               sds = column((w + "_sd_stochastic").c_str());
    for (std::size_t i = 0; i < n; ++i) out[i] = {{mean[i], p05[i], p50[i], p95[i], t.draws, NAN}, sdp[i], sds[i]};
    return out;
  };
  const auto bin = projection("binary"), freq = projection("frequency");
  auto draws = [&](const std::string& name) {
    const auto all = read_matrix(g, name);
    if (all.size() != n * static_cast<std::size_t>(t.draws)) bad(path, "/track/" + name, "another shape", "[cohorts x draws]");
    std::vector<std::vector<double>> out(n);
    for (std::size_t i = 0; i < n; ++i)
      out[i].assign(all.begin() + static_cast<long>(i) * t.draws, all.begin() + static_cast<long>(i + 1) * t.draws);
    return out;
  };
  t.binary_draws = draws("binary_draws");
  t.frequency_draws = draws("frequency_draws");
  for (std::size_t i = 0; i < n; ++i) {
    analysis::CohortTrack c;
    c.label = labels[i];
    c.complete_month = month_index_of(complete.at(i), path, "complete_month");
    c.publication_month = month_index_of(published.at(i), path, "publication_month");
    c.last_month = c.complete_month - 18;  // models::cohort_complete_month: the quarter's last month + 18
    c.first_month = c.last_month - 2;
    c.complete = t.as_of.month_index() >= c.complete_month;
    c.size = static_cast<long>(size[i]);
    c.reoffenders = static_cast<long>(reoffenders[i]);
    c.reoffences = static_cast<long>(reoffences[i]);
    c.pending_offences = static_cast<long>(pending[i]);
    c.binary = binary[i];
    c.frequency = frequency[i];
    c.concentration = concentration[i];
    c.binary_final = bin[i];
    c.frequency_final = freq[i];
    c.concentration_final = concentration_final[i];
    c.p_binary_below = p_binary[i];
    c.p_frequency_below = p_frequency[i];
    t.cohorts.push_back(c);
  }
  return s;
}

}  // namespace yjsim::io
