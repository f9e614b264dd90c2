#pragma once
// Helpers for the hardening tests (issue 14): the yjsim binary as a user meets it, scratch folders per process
// (ctest runs test cases in parallel processes), and a small tmpfs to fill a disk for real.
#include <doctest/doctest.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace yjsim::hardening {

namespace fs = std::filesystem;

struct Outcome {
  int code;  // the exit code; 128 + n when killed by signal n (as a shell reports it)
  std::string output;
  double seconds;
};

inline fs::path scratch_dir() {
  // One folder per test process, removed when the process ends.
  struct Folder {
    fs::path path = fs::temp_directory_path() / ("yjsim_hardening_" + std::to_string(::getpid()));
    ~Folder() {
      std::error_code ec;
      fs::remove_all(path, ec);
    }
  };
  static const Folder folder;
  fs::create_directories(folder.path);
  return folder.path;
}

inline fs::path scratch(const std::string& name) { return scratch_dir() / name; }

inline fs::path write(const std::string& name, const std::string& text) {
  const auto p = scratch(name);
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

inline std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline Outcome shell(const std::string& command) {
  static int calls = 0;
  const fs::path out = scratch_dir() / ("out_" + std::to_string(++calls) + ".txt");
  const std::string cmd = "{ " + command + " ; } > " + out.string() + " 2>&1";
  const auto t0 = std::chrono::steady_clock::now();
  const int status = std::system(cmd.c_str());
  const double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::string text = read(out);
  fs::remove(out);
  int code = -1;
  if (WIFEXITED(status)) code = WEXITSTATUS(status);
  else if (WIFSIGNALED(status)) code = 128 + WTERMSIG(status);
  return {code, text, t};
}

// yjsim with arguments (stdin from /dev/null: nothing may wait for a terminal).
inline Outcome run_yjsim(const std::string& args, const std::string& env = "") {
  return shell(env + (env.empty() ? "" : " ") + std::string(YJSIM_BINARY) + " " + args + " < /dev/null");
}

// A path quoted for the shell (a stream: GCC 12 warns falsely on operator+ here).
inline std::string q(const fs::path& p) {
  std::ostringstream s;
  s << '\'' << p.string() << '\'';
  return s.str();
}

// Any temporary file (".tmp") left in `dir` (recursively).
inline bool leftovers(const fs::path& dir) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); it.increment(ec))
    if (it->path().filename().string().find(".tmp") != std::string::npos) return true;
  return false;
}

inline bool one_line(const std::string& s) {
  const auto first = s.find('\n');
  return first == std::string::npos || first == s.size() - 1;
}

// A small tmpfs (root only; CI runs as root). ok() is false, with a MESSAGE, where mounting is not permitted.
class TmpFs {
 public:
  explicit TmpFs(const std::string& name, const char* size = "size=64k") : dir_(scratch(name)) {
    fs::create_directories(dir_);
    if (::mount("tmpfs", dir_.c_str(), "tmpfs", 0, size) != 0) {
      MESSAGE("skipped: cannot mount a tmpfs here (" << std::strerror(errno) << "); run as root to test a full disk");
      return;
    }
    ok_ = true;
  }
  ~TmpFs() {
    if (ok_) ::umount2(dir_.c_str(), MNT_DETACH);
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  TmpFs(const TmpFs&) = delete;
  TmpFs& operator=(const TmpFs&) = delete;
  bool ok() const { return ok_; }
  const fs::path& dir() const { return dir_; }
  fs::path operator/(const std::string& name) const { return dir_ / name; }
  // Fills what is left but the pages (4 KiB, tmpfs's unit) needed for `keep` bytes, with a filler file.
  void fill(std::size_t keep = 0) const {
    {
      std::ofstream f(dir_ / "filler", std::ios::binary | std::ios::app);
      const std::string block(512, 'x');
      while (f.write(block.data(), static_cast<std::streamsize>(block.size()))) f.flush();
    }
    constexpr std::size_t kPage = 4096;
    const std::size_t size = static_cast<std::size_t>(fs::file_size(dir_ / "filler"));
    const std::size_t pages = (size + kPage - 1) / kPage, free_pages = (keep + kPage - 1) / kPage;
    fs::resize_file(dir_ / "filler", pages > free_pages ? (pages - free_pages) * kPage : 0);
  }

 private:
  fs::path dir_;
  bool ok_ = false;
};

// A small valid scenario: quick to run.
inline const char* kSmall = "[run]\nmonths = 12\nreplicates = 2\n[population]\nsize_10_17 = 3000\n";

}  // namespace yjsim::hardening
