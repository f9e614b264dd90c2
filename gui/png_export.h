#pragma once
// PNG files of what is on screen: a chart, or the whole window (the scripted mode's screenshot).
#include <string>
#include <vector>

namespace yjsim::gui {

// RGBA rows from the top. Throws sim::IoError if the file cannot be written.
void write_png(const std::string& path, const std::vector<unsigned char>& rgba, int width, int height);
// The RGBA pixels of a PNG file, with its size; throws sim::IoError if it is not a readable PNG.
std::vector<unsigned char> read_png(const std::string& path, int& width, int& height);
// True if every pixel has the same colour (a blank image: nothing was drawn).
bool is_blank(const std::vector<unsigned char>& rgba);

}  // namespace yjsim::gui
