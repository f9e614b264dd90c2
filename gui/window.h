#pragma once
// The GLFW window with its OpenGL context and Dear ImGui (light theme, DejaVu Sans at the chosen scale).
#include <functional>
#include <string>
#include <vector>

struct GLFWwindow;

namespace yjsim::gui {

class Window {
 public:
  // Throws std::runtime_error when there is no display or no OpenGL 3. `layout_file` keeps ImGui's layout
  // (column widths, open sections) between sessions ("" : not kept).
  Window(int width, int height, const std::string& title, float scale, const std::string& layout_file);
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  // SIGINT and SIGTERM ask the window to close, as its close button does (the app then asks about unsaved
  // changes); a second signal ends the process at once (outputs are atomic: nothing partial is left).
  static void close_on_signals();
  static int close_signal();  // the signal that asked the window to close (0: none)

  bool should_close() const;
  void set_should_close(bool close);
  void set_title(const std::string& title);
  // Waits for input for at most `timeout` seconds (0: just poll).
  void wait_events(double timeout);
  static void wake();  // from any thread: ends a wait_events early

  // A frame: new_frame(), then (after the backends read the real input) inject(), then the UI, then render().
  void new_frame(const std::function<void()>& inject);
  void render();
  void present();

  // The scale of text and spacing (1 = 17 px text). Applied between frames.
  void set_scale(float scale) { pending_scale_ = scale; }
  float scale() const { return pending_scale_ > 0 ? pending_scale_ : scale_; }
  static float suggested_scale();  // from the monitor's content scale

  // Pixels of a rectangle of the frame just rendered (ImGui coordinates), as RGBA rows from the top.
  std::vector<unsigned char> read_pixels(float x0, float y0, float x1, float y1, int& width,
                                         int& height) const;
  GLFWwindow* handle() const { return window_; }

 private:
  void apply_scale(float scale);
  GLFWwindow* window_ = nullptr;
  std::string layout_file_;  // ImGui keeps a pointer to it
  float scale_ = 1, pending_scale_ = 0;
};

}  // namespace yjsim::gui
