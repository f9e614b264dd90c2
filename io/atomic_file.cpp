#include "io/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "sim/errors.h"

namespace yjsim::io {

namespace {

std::string reason(int err) { return std::error_code(err, std::generic_category()).message(); }

std::string base_name(const std::string& path) { return std::filesystem::path(path).filename().string(); }

// YJSIM_FAULT_CLOSE=<file name> (or "*"): the close of that atomic file fails as on a full disk (tests).
bool injected_fault(const std::string& final_path) {
  const char* name = std::getenv("YJSIM_FAULT_CLOSE");
  if (!name || !*name) return false;
  return std::strcmp(name, "*") == 0 || base_name(final_path) == name;
}

// Makes the renames in `dir` durable; a folder that cannot be synced (some file systems) is not an error.
void sync_dir(const std::string& file) {
  auto dir = std::filesystem::path(file).parent_path();
  if (dir.empty()) dir = ".";
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

std::string temp_name(const std::string& final_path) {
  static std::atomic<unsigned> counter{0};
  return final_path + ".tmp" + std::to_string(::getpid()) + "." + std::to_string(counter.fetch_add(1));
}

}  // namespace

std::string special_file_kind(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return "";
  if (S_ISREG(st.st_mode)) return "";
  if (S_ISDIR(st.st_mode)) return "a directory";
  if (S_ISCHR(st.st_mode)) return "a character device";
  if (S_ISBLK(st.st_mode)) return "a block device";
  if (S_ISFIFO(st.st_mode)) return "a FIFO (named pipe)";
  if (S_ISSOCK(st.st_mode)) return "a socket";
  return "not a regular file";
}

void check_output_file(const std::string& path, const std::string& field) {
  const std::string kind = special_file_kind(path);
  if (!kind.empty())
    throw sim::InputError(path, 0, field, kind,
                          "a regular file or a new file name (an output replaces the file at that path; a "
                          "directory, device, FIFO or socket is never replaced)");
}

void check_output_dir(const std::string& dir, const std::string& field) {
  std::error_code ec;
  const auto st = std::filesystem::status(dir, ec);
  if (ec || !std::filesystem::exists(st) || std::filesystem::is_directory(st)) return;
  const std::string kind = special_file_kind(dir);
  throw sim::InputError(dir, 0, field, kind.empty() ? "a regular file" : kind, "a folder (or a new folder name)");
}

AtomicFile::AtomicFile(std::string final_path) : final_(std::move(final_path)) {
  check_output_file(final_);
  temp_ = temp_name(final_);
  fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd_ < 0) throw sim::IoError("cannot write " + final_ + ": " + reason(errno));
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) ::unlink(temp_.c_str());
}

void AtomicFile::write(const void* data, std::size_t size) {
  if (fd_ < 0) throw sim::IoError("cannot write " + final_ + ": written after it was closed");
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd_, p, size);
    if (n < 0 && errno == EINTR) continue;  // a signal (Ctrl-C is handled by the caller between writes)
    if (n <= 0) throw sim::IoError("cannot write " + final_ + ": " + reason(n < 0 ? errno : ENOSPC));
    p += n;
    size -= static_cast<std::size_t>(n);
  }
}

void AtomicFile::finish() {
  if (finished_) return;
  if (fd_ < 0) throw sim::IoError("cannot write " + final_);
  // fsync first: on a file system that allocates late, a full disk shows only here or at close.
  int err = ::fsync(fd_) != 0 && errno != EINVAL ? errno : 0;
  if (::close(fd_) != 0 && !err) err = errno;
  fd_ = -1;
  if (!err && injected_fault(final_)) err = ENOSPC;
  if (err) throw sim::IoError("cannot write " + final_ + ": " + reason(err));
  finished_ = true;
}

void AtomicFile::commit() {
  finish();
  if (::rename(temp_.c_str(), final_.c_str()) != 0) throw sim::IoError("cannot write " + final_ + ": " + reason(errno));
  committed_ = true;
  sync_dir(final_);
}

OutputSet::~OutputSet() {
  for (auto* f : files_) delete f;
}

AtomicFile& OutputSet::add(const std::string& final_path) {
  for (const auto* f : files_)
    if (f->final_path() == final_path) throw sim::IoError("cannot write " + final_path + " twice in one run");
  files_.push_back(new AtomicFile(final_path));
  return *files_.back();
}

void OutputSet::commit() {
  for (auto* f : files_) f->finish();  // all complete on disk before any is renamed
  // Each file replaced keeps its previous version under a second name (a hard link) until all are in place.
  struct Undo {
    std::string final_, backup;  // backup "": no copy of the previous version
    bool existed;
  };
  std::vector<Undo> done;
  auto roll_back = [&] {
    for (auto it = done.rbegin(); it != done.rend(); ++it) {
      if (!it->backup.empty()) ::rename(it->backup.c_str(), it->final_.c_str());
      else if (!it->existed) ::unlink(it->final_.c_str());
    }
  };
  for (auto* f : files_) {
    std::string backup;
    struct stat st {};
    const bool existed = ::stat(f->final_.c_str(), &st) == 0;
    if (existed) {
      backup = f->temp_ + ".old";
      if (::link(f->final_.c_str(), backup.c_str()) != 0) backup.clear();  // no hard links here: best effort
    }
    if (::rename(f->temp_.c_str(), f->final_.c_str()) != 0) {
      const int err = errno;
      if (!backup.empty()) ::unlink(backup.c_str());
      roll_back();
      throw sim::IoError("cannot write " + f->final_ + ": " + reason(err));
    }
    f->committed_ = true;
    done.push_back({f->final_, backup, existed});
  }
  for (const auto& u : done)
    if (!u.backup.empty()) ::unlink(u.backup.c_str());
  for (auto* f : files_) sync_dir(f->final_);
}

void ensure_writable_dir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir) || ::access(dir.c_str(), W_OK) != 0)
    throw sim::IoError("cannot write to folder " + dir + (ec ? ": " + ec.message() : ""));
}

}  // namespace yjsim::io
