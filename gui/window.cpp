#include "gui/window.h"

#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace yjsim::gui {

namespace {

constexpr float kBaseFontPx = 17.0f;  // readable at 1080p; the scale setting enlarges it

const char* const kFontPaths[] = {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                                  "/usr/share/fonts/TTF/DejaVuSans.ttf"};

// Latin-1 (for £), general punctuation, arrows, maths signs and the warning sign.
const ImWchar* glyph_ranges() {
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x2010, 0x2044, 0x2190, 0x21FF, 0x2212,
                                   0x2265, 0x25A0, 0x25FF, 0x26A0, 0x26A0, 0};
  return ranges;
}

void load_fonts(float scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFont* font = nullptr;
  for (const char* path : kFontPaths)
    if (std::filesystem::exists(path)) {
      font = io.Fonts->AddFontFromFileTTF(path, std::round(kBaseFontPx * scale), nullptr, glyph_ranges());
      if (font) break;
    }
  if (!font) {  // ImGui's built-in bitmap font, scaled
    ImFontConfig config;
    config.SizePixels = std::round(13.0f * scale);
    io.Fonts->AddFontDefault(&config);
  }
}

void style(float scale) {
  ImGuiStyle& s = ImGui::GetStyle();
  s = ImGuiStyle();
  ImGui::StyleColorsLight(&s);
  s.WindowRounding = 0;
  s.FrameRounding = 3;
  s.GrabRounding = 3;
  s.FramePadding = {6, 4};
  s.ItemSpacing = {8, 6};
  s.CellPadding = {6, 3};
  s.Colors[ImGuiCol_WindowBg] = {0.97f, 0.97f, 0.96f, 1};
  s.Colors[ImGuiCol_ChildBg] = {1, 1, 1, 1};
  s.Colors[ImGuiCol_TableRowBgAlt] = {0.3f, 0.3f, 0.3f, 0.06f};
  // Visible edges on fields and tick boxes (the light theme's are faint on a light row).
  s.FrameBorderSize = 1;
  s.Colors[ImGuiCol_Border] = {0.55f, 0.55f, 0.55f, 0.6f};
  s.Colors[ImGuiCol_FrameBg] = {1, 1, 1, 1};
  s.ScaleAllSizes(scale);
}

volatile std::sig_atomic_t g_signal_pending = 0;  // set by the handler, taken by the main loop
volatile std::sig_atomic_t g_signal_seen = 0;
extern "C" void on_close_signal(int sig) {
  g_signal_pending = sig;
  g_signal_seen = sig;
}

// A pending SIGINT/SIGTERM: the window is asked to close (the loop wakes at least every half second).
void take_signal(GLFWwindow* w) {
  const int sig = g_signal_pending;
  if (!sig) return;
  g_signal_pending = 0;
  std::fprintf(stderr, "yjsim-gui: %s received: closing (a second one quits at once)\n",
               sig == SIGINT ? "SIGINT (Ctrl-C)" : sig == SIGTERM ? "SIGTERM" : "a signal");
  glfwSetWindowShouldClose(w, GLFW_TRUE);
}

void glfw_error(int code, const char* text) {
  (void)code;
  (void)text;  // reported through the failure of glfwCreateWindow
}

}  // namespace

Window::Window(int width, int height, const std::string& title, float scale, const std::string& layout_file)
    : layout_file_(layout_file) {
  glfwSetErrorCallback(glfw_error);
  if (!glfwInit())
    throw std::runtime_error("cannot start GLFW: is there a display (DISPLAY or WAYLAND_DISPLAY)?");
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  // No bigger than the screen (a laptop's 1366 x 768, say).
  if (GLFWmonitor* m = glfwGetPrimaryMonitor()) {
    int x = 0, y = 0, w = 0, h = 0;
    glfwGetMonitorWorkarea(m, &x, &y, &w, &h);
    if (w > 0 && h > 0) width = std::min(width, w), height = std::min(height, h);
  }
  window_ = glfwCreateWindow(width, height, title.c_str(), nullptr, nullptr);
  if (!window_) {
    glfwTerminate();
    throw std::runtime_error("cannot open a window with OpenGL 3.3");
  }
  glfwMakeContextCurrent(window_);
  glfwSwapInterval(1);
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  io.IniFilename = layout_file_.empty() ? nullptr : layout_file_.c_str();
  ImGui_ImplGlfw_InitForOpenGL(window_, true);
  ImGui_ImplOpenGL3_Init("#version 330");
  apply_scale(scale);
}

Window::~Window() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window_);
  glfwTerminate();
}

void Window::close_on_signals() {
  struct sigaction sa;
  std::memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_close_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESETHAND | SA_RESTART;  // the first asks; the second gets the default action
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

int Window::close_signal() { return g_signal_seen; }

bool Window::should_close() const {
  take_signal(window_);
  return glfwWindowShouldClose(window_) != 0;
}
void Window::set_should_close(bool close) {
  glfwSetWindowShouldClose(window_, close ? GLFW_TRUE : GLFW_FALSE);
}
void Window::set_title(const std::string& title) { glfwSetWindowTitle(window_, title.c_str()); }

void Window::wait_events(double timeout) {
  if (timeout <= 0)
    glfwPollEvents();
  else
    glfwWaitEventsTimeout(timeout);
  take_signal(window_);
}

void Window::wake() { glfwPostEmptyEvent(); }

float Window::suggested_scale() {
  GLFWmonitor* m = glfwGetPrimaryMonitor();
  float x = 1, y = 1;
  if (m) glfwGetMonitorContentScale(m, &x, &y);
  return std::clamp(std::max(x, y), 1.0f, 3.0f);
}

void Window::apply_scale(float scale) {
  scale_ = std::clamp(scale, 0.5f, 4.0f);
  load_fonts(scale_);
  style(scale_);
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

void Window::new_frame(const std::function<void()>& inject) {
  if (pending_scale_ > 0) {
    apply_scale(pending_scale_);
    pending_scale_ = 0;
  }
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  if (inject) inject();
  ImGui::NewFrame();
}

void Window::render() {
  ImGui::Render();
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  glViewport(0, 0, w, h);
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(bg.x, bg.y, bg.z, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void Window::present() { glfwSwapBuffers(window_); }

std::vector<unsigned char> Window::read_pixels(float x0, float y0, float x1, float y1, int& width,
                                               int& height) const {
  int fw = 0, fh = 0;
  glfwGetFramebufferSize(window_, &fw, &fh);
  const ImVec2 k = ImGui::GetIO().DisplayFramebufferScale;
  const int left = std::clamp(static_cast<int>(std::floor(x0 * k.x)), 0, fw);
  const int right = std::clamp(static_cast<int>(std::ceil(x1 * k.x)), left, fw);
  const int top = std::clamp(static_cast<int>(std::floor(y0 * k.y)), 0, fh);
  const int bottom = std::clamp(static_cast<int>(std::ceil(y1 * k.y)), top, fh);
  width = right - left;
  height = bottom - top;
  std::vector<unsigned char> rows(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
  if (rows.empty()) return rows;
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  std::vector<unsigned char> gl(rows.size());
  glReadPixels(left, fh - bottom, width, height, GL_RGBA, GL_UNSIGNED_BYTE, gl.data());
  // OpenGL's rows start at the bottom; images start at the top.
  const std::size_t stride = static_cast<std::size_t>(width) * 4;
  for (int r = 0; r < height; ++r)
    std::copy_n(gl.begin() + static_cast<long>(stride * static_cast<std::size_t>(height - 1 - r)), stride,
                rows.begin() + static_cast<long>(stride * static_cast<std::size_t>(r)));
  return rows;
}

}  // namespace yjsim::gui
