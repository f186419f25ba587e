// `thoth_static_server ROOT [PORT] [--html-only]`: the loopback test server as a program, for bench/
// scripts. Prints its URL on stdout, then serves until stdin closes (the parent script ends it that
// way). --html-only ignores the PEP 691 JSON preference (for clients whose JSON support is broken).
#include <iostream>
#include <string>

#include "tests/support/static_http_server.hpp"

int main(int argc, char** argv) {
  std::string root;
  unsigned short port = 0;
  bool serve_json = true;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--html-only") serve_json = false;
    else if (root.empty()) root = arg;
    else port = static_cast<unsigned short>(std::stoi(arg));
  }
  if (root.empty()) {
    std::cerr << "usage: thoth_static_server ROOT [PORT] [--html-only]\n";
    return 2;
  }
  thoth::testing::StaticHttpServer server(root, serve_json, port);
  std::cout << server.url() << std::endl;
  std::string line;
  while (std::getline(std::cin, line)) {
  }
  server.stop();
  return 0;
}
