#include "app/checking/accepted_connections_linux.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace roadwork::checking {

namespace {

constexpr const char* kEstablished = "01";  // TCP_ESTABLISHED, as /proc/net/tcp prints it

// Adds the rows of one /proc/<pid>/net/tcp* table. Columns: sl, local_address (hex ip:port), rem_address, st,
// tx_queue:rx_queue, tr:tm->when, retrnsmt, uid, timeout, inode.
void add_accepted(const std::string& table, int port, std::set<unsigned long>& inodes) {
  std::ifstream in(table);
  std::string line;
  std::getline(in, line);  // the header
  while (std::getline(in, line)) {
    std::istringstream columns(line);
    std::string slot, local, remote, state, queues, timer, retransmits, uid, timeout;
    unsigned long inode = 0;
    if (!(columns >> slot >> local >> remote >> state >> queues >> timer >> retransmits >> uid >> timeout >>
          inode))
      continue;
    const auto colon = local.rfind(':');
    if (colon == std::string::npos || state != kEstablished || inode == 0) continue;
    if (std::strtol(local.c_str() + colon + 1, nullptr, 16) == port) inodes.insert(inode);
  }
}

}  // namespace

std::set<unsigned long> accepted_connections(int pid, int port) {
  std::set<unsigned long> inodes;
  const auto tables = "/proc/" + std::to_string(pid) + "/net/";
  add_accepted(tables + "tcp", port, inodes);
  add_accepted(tables + "tcp6", port, inodes);
  return inodes;
}

}  // namespace roadwork::checking
