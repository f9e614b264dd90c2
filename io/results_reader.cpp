#include "io/results_reader.h"

#include <hdf5.h>

#include <fstream>

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

}  // namespace yjsim::io
