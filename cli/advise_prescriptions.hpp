// Thoth prescriptions on `thoth advise`: where the units come from, the request facts they are
// registered against, and the compact printing of what they say (docs/cli.md).
#pragma once

#include "advise/advise.hpp"
#include "cli/advise_options.hpp"
#include "cli/project_config.hpp"
#include "project/pipfile.hpp"

namespace thoth::cli {

// Folders from .thoth.yaml (`prescriptions:`, relative to it) and --prescriptions; labels from the
// runtime environment (-r) and --labels; the index URL (the Pipfile's first source).
void configure_prescriptions(const AdviseOptions& options, const project::Pipfile* pipfile, const ProjectConfig& project,
                             advise::AdviseRequest& request);

void print_justifications(const advise::AdviseResult& result, bool verbose);

}  // namespace thoth::cli
