// Headless Chromium: the board pack's PDF (the HTML page printed; docs/report.md says why Chromium and not a second
// layout in Cairo: one layout, so the PDF and the HTML cannot disagree, and the SVG charts stay vector) and a
// chart's PNG at print resolution (the same SVG, drawn at a given width). Chromium runs in a private temporary
// folder (its profile included), with networking features off; the page references nothing outside itself, so
// nothing is fetched.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "report/board_pack.h"
#include "report/chromium.h"
#include "report/svg_chart.h"
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
    char t[] = "/tmp/yjsim-chromium-XXXXXX";
    if (!::mkdtemp(t)) throw sim::IoError("Chromium: cannot make a temporary folder in /tmp");
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

// Renders `html` with `mode` (Chromium's --print-to-pdf or --screenshot, given the output's path) and returns the
// output's bytes, which must begin with `magic`. `what` names the output in errors ("PDF", "PNG").
std::string render(const std::string& html, const std::vector<std::string>& mode, const std::string& output,
                   const std::string& magic, const std::string& what, const std::atomic<bool>* cancel) {
  const std::string chromium = chromium_path();
  if (chromium.empty())
    throw sim::IoError(what + ": Chromium is not installed (apt-get install chromium), or set YJSIM_CHROMIUM");
  TempDir dir;
  const std::string page = dir.path + "/page.html", out = dir.path + "/" + output, log = dir.path + "/chromium.log";
  {
    std::ofstream f(page, std::ios::binary);
    f << html;
    if (!f.flush()) throw sim::IoError(what + ": cannot write " + page);
  }
  std::vector<std::string> args = {chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                   "--no-default-browser-check", "--disable-extensions", "--disable-sync",
                                   "--disable-background-networking", "--disable-component-update",
                                   "--disable-default-apps", "--disable-dev-shm-usage", "--mute-audio",
                                   "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                                   "--user-data-dir=" + dir.path + "/profile"};
  for (std::string m : mode) {  // "{out}" in a mode argument is the output's path
    if (const auto at = m.find("{out}"); at != std::string::npos) m.replace(at, 5, out);
    args.push_back(m);
  }
  args.push_back("file://" + page);
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
  if (rc != 0) throw sim::IoError(what + ": cannot start " + chromium);
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
      throw sim::IoError(what + ": Chromium took more than 120 s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::string bytes = slurp(out);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || bytes.compare(0, magic.size(), magic) != 0) {
    std::string why = slurp(log);
    if (why.size() > 600) why = why.substr(why.size() - 600);
    throw sim::IoError(what + ": Chromium failed to draw the page: " + why);
  }
  return bytes;
}

// The viewBox's width and height ("0 0 620 196").
std::pair<double, double> view_box(const std::string& svg) {
  const auto at = svg.find("viewBox=\"");
  double x = 0, y = 0, w = 0, h = 0;
  if (at == std::string::npos || std::sscanf(svg.c_str() + at + 9, "%lf %lf %lf %lf", &x, &y, &w, &h) != 4 || !(w > 0) || !(h > 0))
    throw sim::IoError("PNG: the chart has no viewBox to size it by");
  return {w, h};
}
}  // namespace

std::string html_to_pdf(const std::string& html, const std::atomic<bool>* cancel) {
  return render(html, {"--no-pdf-header-footer", "--print-to-pdf={out}"}, "board.pdf", "%PDF-", "PDF", cancel);
}

int svg_png_height(const std::string& svg, int width_px) {
  const auto [w, h] = view_box(svg);
  return static_cast<int>(std::lround(width_px * h / w));
}

std::string svg_to_png(const std::string& svg, int width_px, const std::atomic<bool>* cancel) {
  const int height = svg_png_height(svg, width_px);
  const std::string size = std::to_string(width_px) + "px", tall = std::to_string(height) + "px";
  // The chart alone, filling the window exactly: the board pack's chart styles, at the PNG's size.
  const std::string page = std::string("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><style>html, body { ") +
                           "margin: 0; padding: 0; background: #fff; overflow: hidden; }\n" + chart_style() +
                           "\nsvg.chart { display: block; width: " + size + "; height: " + tall + "; }</style></head><body>" +
                           svg + "</body></html>\n";
  return render(page, {"--hide-scrollbars", "--window-size=" + std::to_string(width_px) + "," + std::to_string(height),
                       "--screenshot={out}"}, "chart.png", "\x89PNG", "PNG", cancel);
}

}  // namespace yjsim::report
