#pragma once
// Typed errors (STYLE.md 9): the library throws, only main() maps them to exit codes.
#include <sstream>
#include <stdexcept>
#include <string>

namespace yjsim::sim {

// Bad input: the message names the file, line, field, what was found and what is allowed (exit code 2).
class InputError : public std::runtime_error {
 public:
  InputError(std::string file, long line, std::string field, std::string found, std::string allowed)
      : std::runtime_error(format(file, line, field, found, allowed)),
        file_(std::move(file)), line_(line), field_(std::move(field)) {}
  explicit InputError(const std::string& message) : std::runtime_error(message), line_(0) {}
  const std::string& file() const { return file_; }
  long line() const { return line_; }
  const std::string& field() const { return field_; }

 private:
  static std::string format(const std::string& file, long line, const std::string& field,
                            const std::string& found, const std::string& allowed) {
    std::ostringstream msg;  // (a stream, not operator+: GCC 12 warns falsely on the latter)
    msg << (file.empty() ? std::string("<input>") : file);
    if (line > 0) msg << ':' << line;
    msg << ": ";
    if (!field.empty()) msg << '\'' << field << "': ";
    msg << "found " << readable(found) << "; allowed: " << allowed;
    return msg.str();
  }
  // What was found, on one line and cut to a readable length: input can be huge or span lines.
  static std::string readable(const std::string& s) {
    constexpr std::size_t kMax = 240;
    std::string out;
    for (char c : s) {
      if (out.size() >= kMax) break;
      if (c == '\n') out += "\\n";
      else if (c == '\r') out += "\\r";
      else if (static_cast<unsigned char>(c) < 0x20) out += '?';
      else out += c;
    }
    if (out.size() >= kMax) out += "... (" + std::to_string(s.size()) + " characters)";
    return out;
  }
  std::string file_;
  long line_;
  std::string field_;
};

// A failure that is not the input's fault: I/O, resources (exit code 1).
class IoError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The run was stopped by the user (exit code 130); nothing was written.
class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("interrupted") {}
};

}  // namespace yjsim::sim
