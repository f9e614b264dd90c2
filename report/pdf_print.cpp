// The board pack's PDF: the HTML page printed by headless Chromium (docs/report.md says why Chromium and not a
// second layout in Cairo: one layout, so the PDF and the HTML cannot disagree, and the SVG charts stay vector).
// Chromium runs in a private temporary folder (its profile included), with networking features off; the page
// references nothing outside itself, so nothing is fetched.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "report/board_pack.h"
#include "sim/errors.h"

extern char** environ;

namespace yjsim::report {

namespace {
std::string chromium_path() {
  if (const char* c = std::getenv("YJSIM_CHROMIUM"); c && *c) return c;
  for (const char* p : {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"})
    if (::access(p, X_OK) == 0) return p;
  return "";
}

struct TempDir {
  std::string path;
  TempDir() {
    char t[] = "/tmp/yjsim-pdf-XXXXXX";
    if (!::mkdtemp(t)) throw sim::IoError("PDF: cannot make a temporary folder in /tmp");
    path = t;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

std::string html_to_pdf(const std::string& html, const std::atomic<bool>* cancel) {
  const std::string chromium = chromium_path();
  if (chromium.empty()) throw sim::IoError("PDF: Chromium is not installed (apt-get install chromium), or set YJSIM_CHROMIUM");
  TempDir dir;
  const std::string page = dir.path + "/board.html", pdf = dir.path + "/board.pdf", log = dir.path + "/chromium.log";
  {
    std::ofstream out(page, std::ios::binary);
    out << html;
    if (!out.flush()) throw sim::IoError("PDF: cannot write " + page);
  }
  std::vector<std::string> args = {chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                   "--no-default-browser-check", "--disable-extensions", "--disable-sync",
                                   "--disable-background-networking", "--disable-component-update",
                                   "--disable-default-apps", "--disable-dev-shm-usage", "--mute-audio",
                                   "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                                   "--user-data-dir=" + dir.path + "/profile", "--no-pdf-header-footer",
                                   "--print-to-pdf=" + pdf, "file://" + page};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&fa, STDOUT_FILENO, STDERR_FILENO);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setpgroup(&attr, 0);  // its own process group: stopped whole on a cancel or a timeout
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  pid_t pid = 0;
  const int rc = ::posix_spawn(&pid, chromium.c_str(), &fa, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) throw sim::IoError("PDF: cannot start " + chromium);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  int status = 0;
  for (;;) {
    const pid_t w = ::waitpid(pid, &status, WNOHANG);
    if (w == pid) break;
    const bool stop = (cancel && cancel->load()) || std::chrono::steady_clock::now() > deadline;
    if (stop) {
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      if (cancel && cancel->load()) throw sim::Cancelled();
      throw sim::IoError("PDF: Chromium took more than 120 s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::string bytes = slurp(pdf);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || bytes.compare(0, 5, "%PDF-") != 0) {
    std::string why = slurp(log);
    if (why.size() > 600) why = why.substr(why.size() - 600);
    throw sim::IoError("PDF: Chromium failed to print the page: " + why);
  }
  return bytes;
}

}  // namespace yjsim::report
