// HDF5 helpers (see hdf5_util.h).
#include "io/hdf5_util.h"

#include <oneapi/tbb/version.h>

#include <boost/version.hpp>
#include <cstdio>
#include <ctime>

#include <zlib.h>

#include <atomic>
#include <bit>

#include "input/scenario_reader.h"
#include "io/atomic_file.h"
#include "sim/errors.h"
#include "sim/parallel.h"

namespace yjsim::io::h5 {

MemoryFile::MemoryFile() {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // errors become exceptions, not stderr noise
  static std::atomic<unsigned> counter{0};      // each open file its own name (HDF5 keys open files by name)
  const std::string name = "yjsim-memory-" + std::to_string(counter.fetch_add(1)) + ".h5";
  Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "file access properties");
  check(H5Pset_fapl_core(fapl, 1 << 20, false), "the in-memory file");
  file_ = H5Fcreate(name.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl);
  if (file_ < 0) throw sim::IoError("HDF5: cannot create a file in memory");
}

MemoryFile::~MemoryFile() {
  if (file_ >= 0) H5Fclose(file_);
}

void MemoryFile::write_to(AtomicFile& out) {
  check(H5Fflush(file_, H5F_SCOPE_GLOBAL), out.final_path());  // the superblock and metadata up to date
  const ssize_t size = H5Fget_file_image(file_, nullptr, 0);
  if (size < 0) throw sim::IoError("HDF5: cannot assemble " + out.final_path());
  std::vector<char> image(static_cast<std::size_t>(size));
  if (H5Fget_file_image(file_, image.data(), image.size()) != size)
    throw sim::IoError("HDF5: cannot assemble " + out.final_path());
  const herr_t closed = H5Fclose(file_);
  file_ = -1;
  if (closed < 0) throw sim::IoError("HDF5: cannot assemble " + out.final_path());
  out.write(image.data(), image.size());
}

Handle::Handle(hid_t id, herr_t (*close)(hid_t), const std::string& what) : id_(id), close_(close) {
  if (id_ < 0) throw sim::IoError("HDF5: cannot create " + what);
}

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

void attr_strings(hid_t obj, const char* name, const std::vector<std::string>& values) {
  Handle type(H5Tcopy(H5T_C_S1), H5Tclose, name);
  check(H5Tset_size(type, H5T_VARIABLE), name);
  check(H5Tset_cset(type, H5T_CSET_UTF8), name);
  const hsize_t n = values.size();
  Handle space(H5Screate_simple(1, &n, nullptr), H5Sclose, name);
  Handle attr(H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose, name);
  std::vector<const char*> p;
  for (const auto& v : values) p.push_back(v.c_str());
  check(H5Awrite(attr, type, p.data()), name);
}

namespace {
template <typename T>
void attr_number(hid_t obj, const char* name, T value, hid_t type) {
  Handle space(H5Screate(H5S_SCALAR), H5Sclose, name);
  Handle attr(H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose, name);
  check(H5Awrite(attr, type, &value), name);
}
}  // namespace

void attr_int(hid_t obj, const char* name, long long value) { attr_number(obj, name, value, H5T_NATIVE_LLONG); }
void attr_uint(hid_t obj, const char* name, unsigned long long value) { attr_number(obj, name, value, H5T_NATIVE_ULLONG); }

hid_t group(hid_t parent, const std::string& name) {
  return H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
}

namespace {
constexpr int kDeflateLevel = 1;  // fast deflate: most of the size gain for little time

// Sweeps' and runs' large datasets are chunked (one chunk) and compressed (readers decompress transparently).
bool large(const std::vector<double>& data, const std::vector<hsize_t>& dims) {
  bool empty = false;
  for (auto d : dims) empty |= d == 0;
  return data.size() >= 4096 && !empty;
}

// The dataset, made with its unit and definition; its data is not written yet. Close with H5Dclose.
hid_t make_set(hid_t parent, const std::string& name, bool chunked, const std::vector<hsize_t>& dims,
               const std::string& unit, const std::string& definition) {
  Handle space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose, name);
  Handle props(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, name);
  if (chunked) {
    check(H5Pset_chunk(props, static_cast<int>(dims.size()), dims.data()), name);
    check(H5Pset_deflate(props, kDeflateLevel), name);
  }
  const hid_t set = H5Dcreate2(parent, name.c_str(), H5T_IEEE_F64LE, space, H5P_DEFAULT, props, H5P_DEFAULT);
  if (set < 0) throw sim::IoError("HDF5: cannot create " + name);
  try {
    attr_string(set, "unit", unit);
    attr_string(set, "definition", definition);
  } catch (...) {
    H5Dclose(set);
    throw;
  }
  return set;
}
}  // namespace

void dataset(hid_t parent, const std::string& name, const std::vector<double>& data, const std::vector<hsize_t>& dims,
             const std::string& unit, const std::string& definition) {
  Handle set(make_set(parent, name, large(data, dims), dims, unit, definition), H5Dclose, name);
  if (!data.empty()) check(H5Dwrite(set, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()), name);
}

void dataset(hid_t parent, const std::string& name, std::vector<double>&& data, const std::vector<hsize_t>& dims,
             const std::string& unit, const std::string& definition, LaterChunks& later) {
  if (!large(data, dims)) return dataset(parent, name, data, dims, unit, definition);
  const hid_t set = make_set(parent, name, true, dims, unit, definition);
  later.chunks_.push_back({set, name, std::move(data), dims.size(), {}});
}

LaterChunks::~LaterChunks() {
  for (const auto& c : chunks_) H5Dclose(c.set);
}

void LaterChunks::write() {
  // The chunk's bytes are the doubles as stored (H5T_IEEE_F64LE), deflated as HDF5's filter does (compress2 at
  // the dataset's level): readers see an ordinary deflated chunk.
  static_assert(std::endian::native == std::endian::little, "chunks are written as little-endian doubles");
  std::vector<char> failed(chunks_.size(), 0);
  sim::parallel_for_each_index(chunks_.size(), [&](std::size_t i) {
    auto& c = chunks_[i];
    const auto bytes = static_cast<uLong>(c.data.size() * sizeof(double));
    uLongf size = compressBound(bytes);
    c.deflated.resize(size);
    failed[i] = compress2(c.deflated.data(), &size, reinterpret_cast<const Bytef*>(c.data.data()), bytes,
                          kDeflateLevel) != Z_OK;
    c.deflated.resize(size);
    std::vector<double>().swap(c.data);
  });
  std::string error;
  for (std::size_t i = 0; i < chunks_.size(); ++i) {
    const auto& c = chunks_[i];
    const std::vector<hsize_t> origin(c.rank, 0);
    if (error.empty() && (failed[i] || H5Dwrite_chunk(c.set, H5P_DEFAULT, 0, origin.data(), c.deflated.size(),
                                                      c.deflated.data()) < 0))
      error = c.name;
    H5Dclose(c.set);
  }
  chunks_.clear();
  if (!error.empty()) throw sim::IoError("HDF5: cannot write " + error);
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

void periods_table(hid_t file, const sim::Calendar& cal) {
  std::vector<PeriodRow> rows;
  for (long p = 0; p < cal.periods(); ++p) {
    const auto per = cal.period(p);
    PeriodRow row{p, {}, {}, {}, {}};
    copy_str(row.label, sizeof row.label, per.label);
    copy_str(row.first_month, sizeof row.first_month, cal.at(per.first_month).iso());
    copy_str(row.last_month, sizeof row.last_month, cal.at(per.last_month).iso());
    copy_str(row.cohort_complete_month, sizeof row.cohort_complete_month,
             cal.at(models::cohort_complete_month(cal, p)).iso());
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
         "; toml++ " + input::toml_version() +
         "; Random123 Philox4x64-10";
}

}  // namespace yjsim::io::h5
