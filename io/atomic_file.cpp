#include "io/atomic_file.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <system_error>

#include "sim/errors.h"

namespace yjsim::io {

AtomicFile::AtomicFile(std::string final_path) : final_(std::move(final_path)) {
  temp_ = final_ + ".tmp" + std::to_string(::getpid());
}

AtomicFile::~AtomicFile() {
  if (!committed_) std::remove(temp_.c_str());
}

void AtomicFile::commit() {
  std::error_code ec;
  std::filesystem::rename(temp_, final_, ec);
  if (ec) throw sim::IoError("cannot write " + final_ + ": " + ec.message());
  committed_ = true;
}

void ensure_writable_dir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir) || ::access(dir.c_str(), W_OK) != 0)
    throw sim::IoError("cannot write to folder " + dir + (ec ? ": " + ec.message() : ""));
}

}  // namespace yjsim::io
