#include "gui/png_export.h"

#include <stb_image.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cstring>

#include "io/atomic_file.h"
#include "sim/errors.h"

namespace yjsim::gui {

void write_png(const std::string& path, const std::vector<unsigned char>& rgba, int width, int height) {
  if (width <= 0 || height <= 0 ||
      rgba.size() < static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4)
    throw sim::IoError("nothing to save in " + path + " (an empty picture)");
  // Opaque: the frame buffer's alpha is not meaningful in a file.
  std::vector<unsigned char> opaque = rgba;
  for (std::size_t i = 3; i < opaque.size(); i += 4) opaque[i] = 255;
  // Encoded in memory, then written atomically: a failed write never leaves half a picture.
  std::vector<unsigned char> png;
  auto append = [](void* context, void* data, int size) {
    auto* out = static_cast<std::vector<unsigned char>*>(context);
    const auto* bytes = static_cast<const unsigned char*>(data);
    out->insert(out->end(), bytes, bytes + size);
  };
  if (!stbi_write_png_to_func(append, &png, width, height, 4, opaque.data(), width * 4))
    throw sim::IoError("cannot write the picture " + path);
  io::AtomicFile file(path);
  file.write(png.data(), png.size());
  file.commit();
}

std::vector<unsigned char> read_png(const std::string& path, int& width, int& height) {
  int channels = 0;
  unsigned char* data = stbi_load(path.c_str(), &width, &height, &channels, 4);
  if (!data) throw sim::IoError("cannot read the picture " + path + ": " + (stbi_failure_reason() ? stbi_failure_reason() : "?"));
  std::vector<unsigned char> rgba(data, data + static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
  stbi_image_free(data);
  return rgba;
}

bool is_blank(const std::vector<unsigned char>& rgba) {
  if (rgba.size() < 4) return true;
  for (std::size_t i = 4; i + 3 < rgba.size(); i += 4)
    if (std::memcmp(&rgba[i], &rgba[0], 3) != 0) return false;
  return true;
}

}  // namespace yjsim::gui
