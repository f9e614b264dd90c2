#pragma once
// Small HDF5 C API helpers shared by the run and sweep writers: handles that close themselves, attributes,
// float64 datasets with unit and definition, and the /periods table.
#include <hdf5.h>

#include <string>
#include <vector>

#include "models/kpis.h"
#include "models/simulation.h"

namespace yjsim::io {
class AtomicFile;
}

namespace yjsim::io::h5 {

// An HDF5 file built in memory (the core driver, no backing store) and then written through an AtomicFile with
// every write checked: HDF5 itself never writes to the disk, so a full disk is an error of ours (sim::IoError),
// never a truncated file renamed into place nor a crash in HDF5's own clean-up at exit.
class MemoryFile {
 public:
  MemoryFile();
  ~MemoryFile();
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;
  operator hid_t() const { return file_; }
  // The file's bytes into `out` (not committed); closes the in-memory file. Throws sim::IoError.
  void write_to(AtomicFile& out);

 private:
  hid_t file_ = -1;
};

// Closes an HDF5 handle when it goes out of scope; a negative id is an HDF5 failure (sim::IoError).
class Handle {
 public:
  Handle(hid_t id, herr_t (*close)(hid_t), const std::string& what);
  ~Handle() { close_(id_); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  operator hid_t() const { return id_; }

 private:
  hid_t id_;
  herr_t (*close_)(hid_t);
};

void check(herr_t status, const std::string& what);
void attr_string(hid_t obj, const char* name, const std::string& value);
void attr_strings(hid_t obj, const char* name, const std::vector<std::string>& values);  // a 1-D array
void attr_int(hid_t obj, const char* name, long long value);
void attr_uint(hid_t obj, const char* name, unsigned long long value);
hid_t group(hid_t parent, const std::string& name);  // create; close with H5Gclose (wrap in Handle)
// A float64 dataset of the given dimensions (gzip-compressed when large), with unit and definition.
void dataset(hid_t parent, const std::string& name, const std::vector<double>& data, const std::vector<hsize_t>& dims,
             const std::string& unit, const std::string& definition);

// The large datasets of a file (one deflated chunk each), made now and filled by write(): their chunks are
// compressed on every thread, then written with H5Dwrite_chunk. HDF5 allows one thread, and deflate is most
// of the writing time of a run with many replicates (a file of 200 replicates: 307M of 545M instructions).
class LaterChunks {
 public:
  LaterChunks() = default;
  ~LaterChunks();  // closes the datasets of chunks not written (after an error)
  LaterChunks(const LaterChunks&) = delete;
  LaterChunks& operator=(const LaterChunks&) = delete;
  void write();  // compresses and writes every chunk taken, then closes their datasets; throws sim::IoError
 private:
  friend void dataset(hid_t, const std::string&, std::vector<double>&&, const std::vector<hsize_t>&,
                      const std::string&, const std::string&, LaterChunks&);
  struct Chunk {
    hid_t set;
    std::string name;
    std::vector<double> data;
    std::size_t rank;
    std::vector<unsigned char> deflated;
  };
  std::vector<Chunk> chunks_;
};
// dataset(), with a large dataset's data written by later.write() (small ones now).
void dataset(hid_t parent, const std::string& name, std::vector<double>&& data, const std::vector<hsize_t>& dims,
             const std::string& unit, const std::string& definition, LaterChunks& later);
void periods_table(hid_t file, const sim::Calendar& cal);
std::string utc_now();
std::string library_versions();

}  // namespace yjsim::io::h5
