#pragma once
// An output that appears complete or not at all (CONTRACT.md): written under a temporary name in the same
// folder, renamed on commit(), removed if never committed (an error or an interrupt).
#include <string>

namespace yjsim::io {

class AtomicFile {
 public:
  explicit AtomicFile(std::string final_path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  const std::string& temp_path() const { return temp_; }
  void commit();  // throws sim::IoError

 private:
  std::string final_, temp_;
  bool committed_ = false;
};

// Throws sim::IoError unless `dir` exists (or can be made) and is a writable folder.
void ensure_writable_dir(const std::string& dir);

}  // namespace yjsim::io
