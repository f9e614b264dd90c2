#pragma once
// An output that appears complete or not at all (CONTRACT.md): written under a temporary name in the same
// folder, every write and the final fsync and close checked (a full disk is an error, never a short file), then
// renamed over the destination on commit(); removed if never committed (an error or an interrupt), so a failed
// run never replaces a good file and leaves no temporary file.
//
// Fault injection (tests): YJSIM_FAULT_CLOSE=<file name> makes the close of every atomic file with that name
// (the last part of its path, e.g. "out.h5" or "kpi_by_year.csv"; "*" for all) fail as a full disk would.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace yjsim::io {

class AtomicFile {
 public:
  // Refuses a destination that exists and is not a regular file (sim::InputError: a directory, a device, a
  // FIFO...); creates the temporary file (sim::IoError if it cannot).
  explicit AtomicFile(std::string final_path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  const std::string& final_path() const { return final_; }
  const std::string& temp_path() const { return temp_; }
  // Appends to the temporary file; throws sim::IoError on any failure (e.g. no space left on the device).
  void write(const void* data, std::size_t size);
  void write(std::string_view text) { write(text.data(), text.size()); }
  // Every byte on the disk: fsync and close, both checked (sim::IoError). commit() calls it if needed.
  void finish();
  void commit();  // finish(), then rename over the destination; throws sim::IoError

 private:
  friend class OutputSet;
  std::string final_, temp_;
  int fd_ = -1;
  bool finished_ = false, committed_ = false;
};

// The outputs of one run (an HDF5 file and a CSV set, say) succeed or fail together: each is written in full
// to its temporary file first; only when all are complete are they renamed into place, and if a rename fails
// the files already renamed are put back as they were (the previous version, or none).
class OutputSet {
 public:
  OutputSet() = default;
  ~OutputSet();  // uncommitted: every temporary file removed, nothing replaced
  OutputSet(const OutputSet&) = delete;
  OutputSet& operator=(const OutputSet&) = delete;
  AtomicFile& add(const std::string& final_path);  // throws like AtomicFile's constructor
  void commit();                                   // throws sim::IoError; nothing changed if it does

 private:
  std::vector<AtomicFile*> files_;
};

// Throws sim::IoError unless `dir` exists (or can be made) and is a writable folder.
void ensure_writable_dir(const std::string& dir);
// Throws sim::InputError if `dir` exists and is not a folder (a file, a device, a FIFO...).
void check_output_dir(const std::string& dir, const std::string& field = "");
// Throws sim::InputError if `path` exists and is not a regular file (an output is replaced by renaming a new
// file over it: a directory, device, FIFO or socket there is refused, never replaced).
void check_output_file(const std::string& path, const std::string& field = "");
// "a directory", "a character device", "a FIFO", ... for messages; "" for a regular file or nothing at all.
std::string special_file_kind(const std::string& path);

}  // namespace yjsim::io
