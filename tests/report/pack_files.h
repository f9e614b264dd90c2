// What the board and tracker pack tests share: running a command, reading a file whole, and PDF text with its
// whitespace runs squeezed (pdftotext wraps lines anywhere).
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace yjsim::test {

// The command's exit status, or -1 if it did not exit normally.
inline int shell(const std::string& cmd) {
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Whitespace runs to one space: PDF text wraps lines anywhere.
inline std::string squeeze(const std::string& s) {
  std::string o;
  for (char c : s) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
    if (space && (o.empty() || o.back() == ' ')) continue;
    o += space ? ' ' : c;
  }
  return o;
}

}  // namespace yjsim::test
