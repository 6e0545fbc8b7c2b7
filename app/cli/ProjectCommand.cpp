// lnseg project: create a project (a curated dataset), add cases, show their review state, change
// it, and manage the project's trained models.
#include "cli/Command.h"

#include "project/CaseInputs.h"
#include "project/CaseLock.h"
#include "project/ModelRegistry.h"
#include "project/Project.h"
#include "project/ProjectJson.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>

namespace lnseg::cli {
namespace {

using namespace lnseg::project;

const char* kProjectUsage =
    "Usage: lnseg project SUBCOMMAND DIR [options]\n"
    "\n"
    "Subcommands:\n"
    "  init DIR [--name NAME] [--seed S] [--fractions T,V,E]   create a project\n"
    "  add DIR INPUT [--labels L] [--nodes N.json] [--series KEY] [--patient ID] [--all]\n"
    "                                add an image file, a DICOM folder, or everything in a folder tree\n"
    "  status DIR [--json]           cases with state, split, node counts, lock holder; totals\n"
    "  set-state DIR CASE[,CASE...] STATE [--comment TEXT] [--user NAME]\n"
    "                                New, InProgress, Reviewed, Approved, Returned\n"
    "  refresh DIR [CASE]            re-read node counts from the cases' review sessions\n"
    "  assign DIR CASE[,CASE...] USER   assign cases to a reader (\"\" to unassign)\n"
    "  leads DIR [--add NAME] [--remove NAME]   list or change the study leads (a lead's act)\n"
    "  models DIR [--activate ID | --rollback] [--json]   the project's trained models\n"
    "\n"
    "The user is --user, else $LNSEG_USER, else $USER. Run 'lnseg project SUBCOMMAND --help' for details.\n";

std::string userOf(const QCommandLineParser& parser, const QCommandLineOption& option)
{
    return parser.isSet(option) ? parser.value(option).toStdString() : currentUserName();
}

std::string describeCounts(const NodeCounts& nodes)
{
    std::ostringstream text;
    text << nodes.total << " nodes";
    if (nodes.total)
        text << " (" << nodes.proposed << " proposed, " << nodes.accepted << " accepted, " << nodes.edited << " edited, "
             << nodes.rejected << " rejected)";
    return text.str();
}

int runInit(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Create a project in DIR (created when missing): project.json, cases/, "
                                     "private/, models/. The creator is the first study lead.");
    parser.addPositionalArgument("DIR", "Project folder.");
    const QCommandLineOption name("name", "Project name (default: the folder's name).", "NAME");
    const QCommandLineOption seed("seed", "Seed of the patient split (default 1).", "S", "1");
    const QCommandLineOption fractions("fractions", "Train, validation, test fractions (default 0.7,0.15,0.15).",
                                       "T,V,E", "0.7,0.15,0.15");
    const QCommandLineOption user("user", "Creator (default $LNSEG_USER, else $USER).", "NAME");
    for (const auto* option : {&name, &seed, &fractions, &user})
        parser.addOption(*option);
    if (!parseCommandLine(parser, arguments, 1, 1))
        return 0;
    const QStringList parts = parser.value(fractions).split(',');
    double values[3] = {0, 0, 0};
    bool valid = parts.size() == 3;
    for (int index = 0; valid && index < 3; ++index) {
        values[index] = parts[index].toDouble(&valid);
        valid = valid && values[index] >= 0 && values[index] <= 1;
    }
    if (!valid || std::abs(values[0] + values[1] + values[2] - 1) > 1e-6)
        throw UsageError("--fractions must be three numbers from 0 to 1 adding up to 1, e.g. 0.7,0.15,0.15");
    SplitSettings settings;
    settings.train = values[0];
    settings.validation = values[1];
    settings.test = values[2];
    settings.seed = std::uint64_t(integerOption(parser, seed, 0, 2147483647));
    const Project project = Project::create(parser.positionalArguments().front().toStdString(),
                                            parser.value(name).toStdString(), userOf(parser, user), settings);
    const SplitSettings& split = project.manifest().split;
    std::printf("created project '%s' in %s (split train %.2f / validation %.2f / test %.2f, seed %llu; study lead %s)\n",
                project.manifest().name.c_str(), project.folder().c_str(), split.train, split.validation, split.test,
                static_cast<unsigned long long>(split.seed), project.manifest().studyLeads.front().c_str());
    return 0;
}

void printAdded(const Project& project, const std::string& caseId)
{
    const ProjectCase& item = project.findCase(caseId);
    std::printf("added %s: patient %s, %s %s, %s, split %s\n", item.id.c_str(), item.patient.c_str(),
                item.source.kind == "dicom" ? "DICOM series" : "image", 
                item.source.kind == "dicom" ? item.source.seriesIdentity().c_str() : item.source.path.c_str(),
                describeCounts(item.nodes).c_str(), toString(project.splitOf(caseId)));
}

int runAdd(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Add INPUT to the project in DIR: an image file (NIfTI, NRRD, MetaImage), a DICOM folder (one image series, "
        "or the one --series names), or a folder tree: every image file (with X_labels.nii.gz / X.seg.nrrd and "
        "X_nodes.json next to it) and every DICOM image series in it becomes a case. Each image is copied into "
        "the project with a review session holding the annotation. A series already in the project is refused.");
    parser.addPositionalArgument("DIR", "Project folder.");
    parser.addPositionalArgument("INPUT", "Image file, DICOM folder, or folder tree.");
    const QCommandLineOption labels("labels", "Existing label map (NIfTI/NRRD, also 3D Slicer .seg.nrrd) on the image's grid.", "LABELS");
    const QCommandLineOption nodes("nodes", "Node list as `lnseg phantom` writes it (needs --labels).", "NODES.json");
    const QCommandLineOption series("series", "DICOM folder with several image series: the one to add (its key, as `lnseg info` lists it).", "KEY");
    const QCommandLineOption patient("patient", "Patient id (default: DICOM Patient ID; one patient per image file).", "ID");
    const QCommandLineOption all("all", "Add every image series of a DICOM folder holding several.");
    const QCommandLineOption user("user", "Who adds (default $LNSEG_USER, else $USER).", "NAME");
    for (const auto* option : {&labels, &nodes, &series, &patient, &all, &user})
        parser.addOption(*option);
    if (!parseCommandLine(parser, arguments, 2, 2))
        return 0;
    Project project = Project::open(parser.positionalArguments().at(0).toStdString());
    const std::string input = parser.positionalArguments().at(1).toStdString();
    AddCaseOptions options;
    options.labelsPath = parser.value(labels).toStdString();
    options.nodesPath = parser.value(nodes).toStdString();
    options.seriesInstanceUid = parser.value(series).toStdString();
    options.patientId = parser.value(patient).toStdString();
    options.user = userOf(parser, user);
    if (!options.nodesPath.empty() && options.labelsPath.empty())
        throw UsageError("--nodes needs --labels");
    const bool single = !std::filesystem::is_directory(input) || !options.labelsPath.empty() ||
                        !options.seriesInstanceUid.empty();
    if (single) {
        printAdded(project, project.addCase(input, options));
        return 0;
    }
    // A folder: one DICOM series is one case; image files or --all make it a tree to add whole.
    const std::vector<CaseInput> inputs = findCaseInputs(input);
    bool hasImageFiles = false;
    std::vector<std::string> seriesUids;
    for (const CaseInput& found : inputs)
        found.seriesInstanceUid.empty() ? void(hasImageFiles = true) : seriesUids.push_back(found.seriesInstanceUid);
    if (!hasImageFiles && !parser.isSet(all) && seriesUids.size() > 1) {
        std::string list;
        for (const std::string& uid : seriesUids)
            list += "\n  " + uid;
        throw std::runtime_error(input + ": " + std::to_string(seriesUids.size()) +
                                 " image series found; choose one with --series KEY or add them all with --all:" + list);
    }
    const AddTreeResult result = project.addTree(input, options);
    project.reload();
    for (const std::string& id : result.added)
        printAdded(project, id);
    for (const std::string& message : result.skipped)
        std::fprintf(stderr, "skipped: %s\n", message.c_str());
    std::printf("%zu cases added, %zu skipped\n", result.added.size(), result.skipped.size());
    return result.added.empty() ? 1 : 0;
}

nlohmann::json lockJson(const Project& project, const std::string& caseId)
{
    try {
        CaseLock lock(project.caseFolder(caseId));
        const auto holder = lock.holder();
        if (!holder)
            return nullptr;
        return {{"user", holder->user}, {"host", holder->host}, {"pid", holder->pid}, {"time", holder->time},
                {"stale", lock.isStale(*holder)}};
    } catch (const std::exception& error) {
        return {{"error", error.what()}};
    }
}

int runStatus(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("List the project's cases: review state, split side, node counts, who it is "
                                     "assigned to, who holds its lock; totals per state and split side.");
    parser.addPositionalArgument("DIR", "Project folder.");
    const QCommandLineOption json("json", "Print one JSON object.");
    parser.addOption(json);
    if (!parseCommandLine(parser, arguments, 1, 1))
        return 0;
    const Project project = Project::open(parser.positionalArguments().front().toStdString());
    const ProjectManifest& manifest = project.manifest();
    const ModelRegistry registry = ModelRegistry::open(project.folder());
    std::map<std::string, int> stateTotals, splitTotals;
    for (ReviewState state : allReviewStates())
        stateTotals[toString(state)] = 0;
    for (const char* side : {"train", "validation", "test"})
        splitTotals[side] = 0;
    nlohmann::json cases = nlohmann::json::array();
    for (const ProjectCase& item : manifest.cases) {
        const std::string side = toString(project.splitOf(item.id));
        ++stateTotals[toString(item.state)];
        ++splitTotals[side];
        cases.push_back({{"id", item.id},
                         {"patient", item.patient},
                         {"state", toString(item.state)},
                         {"split", side},
                         {"nodes", {{"total", item.nodes.total}, {"proposed", item.nodes.proposed},
                                    {"accepted", item.nodes.accepted}, {"edited", item.nodes.edited},
                                    {"rejected", item.nodes.rejected}}},
                         {"assignedTo", item.assignedTo},
                         {"lastEditedBy", item.lastEditedBy},
                         {"lastEditedAt", item.lastEditedAt},
                         {"lock", lockJson(project, item.id)},
                         {"source", item.source.kind == "dicom" ? item.source.seriesIdentity() : item.source.path},
                         {"review", item.reviewFile}});
    }
    if (parser.isSet(json)) {
        nlohmann::json out{{"name", manifest.name},
                           {"folder", project.folder()},
                           {"dataVersion", manifest.dataVersion},
                           {"studyLeads", manifest.studyLeads},
                           {"activeModel", registry.activeModelId()},
                           {"cases", cases},
                           {"totals", {{"states", stateTotals}, {"split", splitTotals}, {"cases", manifest.cases.size()}}}};
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    std::printf("project '%s' (%s), data version %lld, %zu cases, active model %s\n", manifest.name.c_str(),
                project.folder().c_str(), manifest.dataVersion, manifest.cases.size(),
                registry.activeModelId().empty() ? "(none)" : registry.activeModelId().c_str());
    std::printf("%-10s %-7s %-10s %-10s %5s %5s %5s %5s %5s  %-12s %s\n", "case", "patient", "state", "split", "nodes",
                "prop", "acc", "edit", "rej", "assigned", "lock");
    for (const nlohmann::json& item : cases) {
        std::string lock = "-";
        if (item["lock"].is_object())
            lock = item["lock"].contains("error")
                       ? "unreadable"
                       : item["lock"]["user"].get<std::string>() + "@" + item["lock"]["host"].get<std::string>() +
                             (item["lock"]["stale"].get<bool>() ? " (stale)" : "");
        const std::string assigned = item["assignedTo"].get<std::string>();
        std::printf("%-10s %-7s %-10s %-10s %5d %5d %5d %5d %5d  %-12s %s\n", item["id"].get<std::string>().c_str(),
                    item["patient"].get<std::string>().c_str(), item["state"].get<std::string>().c_str(),
                    item["split"].get<std::string>().c_str(), item["nodes"]["total"].get<int>(),
                    item["nodes"]["proposed"].get<int>(), item["nodes"]["accepted"].get<int>(),
                    item["nodes"]["edited"].get<int>(), item["nodes"]["rejected"].get<int>(),
                    assigned.empty() ? "-" : assigned.c_str(), lock.c_str());
    }
    std::printf("states:");
    for (ReviewState state : allReviewStates())
        std::printf(" %s %d", toString(state), stateTotals[toString(state)]);
    std::printf("\nsplit: train %d, validation %d, test %d\n", splitTotals["train"], splitTotals["validation"],
                splitTotals["test"]);
    return 0;
}

int runSetState(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Change a case's review state. Rules: Approved and Returned only from Reviewed, by a study lead; Returned "
        "needs a comment; reopening an Approved case (InProgress) is a study lead's act with a comment; nothing "
        "goes back to New. Every change is recorded with user, time and comment.");
    parser.addPositionalArgument("DIR", "Project folder.");
    parser.addPositionalArgument("CASE", "Case id (case-0001), or several separated by commas.");
    parser.addPositionalArgument("STATE", "New, InProgress, Reviewed, Approved or Returned.");
    const QCommandLineOption comment("comment", "Why (required to return or reopen a case).", "TEXT");
    const QCommandLineOption user("user", "Who (default $LNSEG_USER, else $USER).", "NAME");
    parser.addOption(comment);
    parser.addOption(user);
    if (!parseCommandLine(parser, arguments, 3, 3))
        return 0;
    const QStringList positional = parser.positionalArguments();
    const auto state = reviewStateFromString(positional.at(2).toStdString());
    if (!state)
        throw UsageError("unknown state '" + positional.at(2).toStdString() +
                         "' (New, InProgress, Reviewed, Approved, Returned)");
    Project project = Project::open(positional.at(0).toStdString());
    const std::string who = userOf(parser, user);
    // Each case is one change (the rules apply per case); the first refusal stops.
    for (const QString& id : positional.at(1).split(',', Qt::SkipEmptyParts)) {
        const std::string caseId = id.trimmed().toStdString();
        const ReviewState before = project.findCase(caseId).state;
        project.setState(caseId, *state, who, parser.value(comment).toStdString());
        std::printf("%s: %s -> %s (by %s; data version %lld)\n", caseId.c_str(), toString(before), toString(*state),
                    who.c_str(), project.manifest().dataVersion);
        std::fflush(stdout);
    }
    return 0;
}

int runRefresh(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Re-read node counts and the last editor from the review sessions of CASE (or "
                                     "of every case), after lnseg-review saved them.");
    parser.addPositionalArgument("DIR", "Project folder.");
    parser.addPositionalArgument("CASE", "Case id (default: every case).", "[CASE]");
    if (!parseCommandLine(parser, arguments, 1, 2))
        return 0;
    Project project = Project::open(parser.positionalArguments().at(0).toStdString());
    std::vector<std::string> ids;
    if (parser.positionalArguments().size() == 2)
        ids.push_back(parser.positionalArguments().at(1).toStdString());
    else
        for (const ProjectCase& item : project.manifest().cases)
            ids.push_back(item.id);
    for (const std::string& id : ids) {
        const bool changed = project.refreshCase(id);
        std::printf("%s: %s%s\n", id.c_str(), describeCounts(project.findCase(id).nodes).c_str(), changed ? " (changed)" : "");
    }
    return 0;
}

int runAssign(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Assign cases to a reader (an empty USER unassigns them).");
    parser.addPositionalArgument("DIR", "Project folder.");
    parser.addPositionalArgument("CASE", "Case id, or several separated by commas.");
    parser.addPositionalArgument("USER", "Reader.");
    if (!parseCommandLine(parser, arguments, 3, 3))
        return 0;
    Project project = Project::open(parser.positionalArguments().at(0).toStdString());
    const std::string assignee = parser.positionalArguments().at(2).toStdString();
    for (const QString& id : parser.positionalArguments().at(1).split(',', Qt::SkipEmptyParts)) {
        project.assign(id.trimmed().toStdString(), assignee);
        std::printf("%s: assigned to %s\n", qPrintable(id.trimmed()), assignee.empty() ? "nobody" : assignee.c_str());
    }
    return 0;
}

int runLeads(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("List the study leads, or add and remove one (a study lead's act).");
    parser.addPositionalArgument("DIR", "Project folder.");
    const QCommandLineOption add("add", "Make NAME a study lead.", "NAME");
    const QCommandLineOption remove("remove", "NAME is no longer a study lead.", "NAME");
    const QCommandLineOption user("user", "Who (default $LNSEG_USER, else $USER).", "NAME");
    for (const auto* option : {&add, &remove, &user})
        parser.addOption(*option);
    if (!parseCommandLine(parser, arguments, 1, 1))
        return 0;
    Project project = Project::open(parser.positionalArguments().front().toStdString());
    std::vector<std::string> leads = project.manifest().studyLeads;
    if (parser.isSet(add) || parser.isSet(remove)) {
        const std::string added = parser.value(add).toStdString();
        if (!added.empty() && std::find(leads.begin(), leads.end(), added) == leads.end())
            leads.push_back(added);
        leads.erase(std::remove(leads.begin(), leads.end(), parser.value(remove).toStdString()), leads.end());
        project.setStudyLeads(leads, userOf(parser, user));
    }
    for (const std::string& lead : project.manifest().studyLeads)
        std::printf("%s\n", lead.c_str());
    return 0;
}

int runModels(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("List the project's trained models (models/registry.json), activate one, or "
                                     "roll back to the previously active one.");
    parser.addPositionalArgument("DIR", "Project folder.");
    const QCommandLineOption activate("activate", "Make model ID the active one.", "ID");
    const QCommandLineOption rollback("rollback", "Re-activate the model active before the current one.");
    const QCommandLineOption json("json", "Print the models as JSON.");
    const QCommandLineOption user("user", "Who (default $LNSEG_USER, else $USER).", "NAME");
    for (const auto* option : {&activate, &rollback, &json, &user})
        parser.addOption(*option);
    if (!parseCommandLine(parser, arguments, 1, 1))
        return 0;
    if (parser.isSet(activate) && parser.isSet(rollback))
        throw UsageError("--activate and --rollback exclude each other");
    const Project project = Project::open(parser.positionalArguments().front().toStdString());
    ModelRegistry registry = ModelRegistry::open(project.folder());
    if (parser.isSet(activate)) {
        registry.activate(parser.value(activate).toStdString(), userOf(parser, user));
        std::printf("active model: %s\n", registry.activeModelId().c_str());
        return 0;
    }
    if (parser.isSet(rollback)) {
        const std::string id = registry.rollBack(userOf(parser, user));
        std::printf("rolled back; active model: %s\n", id.c_str());
        return 0;
    }
    if (parser.isSet(json)) {
        std::cout << readJsonFile((std::filesystem::path(project.folder()) / "models" / "registry.json").string()).dump(2) << "\n";
        return 0;
    }
    if (registry.models().empty()) {
        std::printf("no models registered (train one with lnseg train --project %s --out DIR)\n", project.folder().c_str());
        return 0;
    }
    for (const RegisteredModel& model : registry.models()) {
        const bool active = model.id == registry.activeModelId();
        std::string dice = "-";
        if (model.validationMetrics.contains("dice") && model.validationMetrics["dice"].is_number())
            dice = std::to_string(model.validationMetrics["dice"].get<double>()).substr(0, 6);
        std::printf("%s %s  %s %s  %s by %s  data version %lld  cases %zu/%zu/%zu  validation dice %s%s%s\n",
                    active ? "*" : " ", model.id.c_str(), model.architecture.c_str(), model.mode.c_str(),
                    model.created.c_str(), model.author.c_str(), model.dataVersion, model.trainCases.size(),
                    model.validationCases.size(), model.testCases.size(), dice.c_str(),
                    model.parentModelId.empty() ? "" : ("  parent " + model.parentModelId).c_str(),
                    model.note.empty() ? "" : ("  \"" + model.note + "\"").c_str());
    }
    return 0;
}

}  // namespace

int runProject(const QStringList& arguments)
{
    if (arguments.size() < 2 || arguments.at(1) == "--help" || arguments.at(1) == "-h") {
        std::fputs(kProjectUsage, arguments.size() < 2 ? stderr : stdout);
        return arguments.size() < 2 ? 2 : 0;
    }
    const std::map<QString, int (*)(const QStringList&)> subcommands{
        {"init", runInit},     {"add", runAdd},         {"status", runStatus},
        {"set-state", runSetState}, {"refresh", runRefresh}, {"models", runModels},
        {"assign", runAssign}, {"leads", runLeads},
    };
    const auto found = subcommands.find(arguments.at(1));
    if (found == subcommands.end())
        throw UsageError("unknown subcommand '" + arguments.at(1).toStdString() + "' (init, add, status, set-state, refresh, assign, leads, models)");
    return found->second(arguments.mid(1));
}

}  // namespace lnseg::cli
