#include "app/core/fatal.hpp"

namespace roadwork {

Fatal Fatal::at(const std::string& file, int line, int column, const std::string& message) {
  return Fatal(file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": error: " + message,
               kExitBadInput, true);
}

}  // namespace roadwork
