#include "app/practice/request_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

namespace roadwork::practice {

namespace fs = std::filesystem;

Expected<RequestLog> RequestLog::open(const fs::path& path) {
  std::error_code error;
  fs::create_directories(path.parent_path(), error);
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
  if (!fd) return unplaced("cannot open the practice log " + path.string() + ": " + std::strerror(errno));
  return RequestLog(path, std::move(fd));
}

void RequestLog::append(const RecordedRequest& request) {
  // Bodies and headers are whatever a client sent, so invalid UTF-8 is replaced rather than thrown on.
  const auto line =
      nlohmann::json(request).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::size_t written = 0;
  while (written < line.size()) {
    const auto result = ::write(fd_.get(), line.data() + written, line.size() - written);
    if (result < 0 && errno == EINTR) continue;
    if (result < 0)
      throw std::system_error(errno, std::generic_category(), "cannot write to " + path_.string());
    written += static_cast<std::size_t>(result);
  }
}

std::vector<RecordedRequest> read_log(const fs::path& path) {
  std::vector<RecordedRequest> requests;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    const auto json = nlohmann::json::parse(line, nullptr, false);
    if (!json.is_object()) continue;
    try {
      requests.push_back(json.get<RecordedRequest>());
    } catch (const nlohmann::json::exception&) {
      continue;
    }
  }
  return requests;
}

}  // namespace roadwork::practice
