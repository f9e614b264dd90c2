#include "input/toml_util.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>
#include <vector>

#include "sim/errors.h"

namespace yjsim::input {

long line_of(const toml::node& n) { return static_cast<long>(n.source().begin.line); }

std::string describe(const toml::node& n) {
  std::ostringstream s;
  if (n.is_string()) s << '"' << n.as_string()->get() << '"';
  else if (n.is_array()) s << "an array of " << n.as_array()->size();
  else if (n.is_table()) s << "a table";
  else if (n.is_boolean()) s << (n.as_boolean()->get() ? "true" : "false");
  else if (auto v = n.value<double>()) s << *v;
  else s << "a value of another type";
  return s.str();
}

std::string fmt(double x) {
  std::ostringstream s;
  s << x;
  return s.str();
}

toml::table parse_toml(std::string_view text, const std::string& file) {
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    throw sim::InputError(file, static_cast<long>(e.source().begin.line), "",
                          "malformed TOML (" + std::string(e.description()) + ")", "TOML 1.0 syntax");
  }
}

bool try_read_text_file(const std::string& path, std::string& text, std::string& problem) {
  // Opened without blocking (a FIFO would wait for a writer), then checked on the open file itself.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    const int err = errno;
    problem = err == ENOENT ? "no such file" : "no readable file (" + std::string(std::strerror(err)) + ")";
    return false;
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    problem = "no readable file";
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    problem = S_ISDIR(st.st_mode)    ? "a directory"
              : S_ISFIFO(st.st_mode) ? "a FIFO (named pipe)"
              : S_ISCHR(st.st_mode)  ? "a character device"
              : S_ISBLK(st.st_mode)  ? "a block device"
              : S_ISSOCK(st.st_mode) ? "a socket"
                                     : "not a regular file";
    problem += ", not a regular file";
    return false;
  }
  auto too_large = [&](std::size_t n) {
    problem = "a file of " + std::to_string(n) + (static_cast<std::size_t>(st.st_size) > kMaxInputBytes ? "" : "+") +
              " bytes (inputs are at most " + std::to_string(kMaxInputBytes >> 20) + " MiB)";
    return false;
  };
  if (static_cast<std::size_t>(st.st_size) > kMaxInputBytes) return too_large(static_cast<std::size_t>(st.st_size));
  (void)::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  text.clear();
  std::vector<char> buf(1 << 16);
  for (;;) {  // to the end, whatever st_size said: a file that grows is still bounded
    const ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      problem = "no readable file (" + std::string(std::strerror(errno)) + ")";
      return false;
    }
    if (n == 0) break;
    if (text.size() + static_cast<std::size_t>(n) > kMaxInputBytes) return too_large(text.size() + static_cast<std::size_t>(n));
    text.append(buf.data(), static_cast<std::size_t>(n));
  }
  return true;
}

std::string read_text_file(const std::string& path, const std::string& what) {
  std::string text, problem;
  if (!try_read_text_file(path, text, problem)) throw sim::InputError(path, 0, "", problem, what);
  return text;
}

std::string to_toml(const toml::table& t) {
  // No literal and no multi-line strings: every string a basic string with escapes, which reads back exactly.
  constexpr auto flags = toml::format_flags::allow_unicode_strings | toml::format_flags::indentation;
  std::ostringstream out;
  out << toml::toml_formatter{t, flags};
  return out.str();
}

}  // namespace yjsim::input
