# aimap report text, English. Every key here exists in fr.ftl too (a test
# checks), and only `report` and `cli` read this file.

## Findings: one message per code that carries typed parameters. Codes
## described by an English detail (import and framework problems) print it.
finding-prerequisite-never-taught = { $competency } is taught, but its prerequisite { $prerequisite } is taught nowhere in the programme
finding-orphan-course = course { $course } "{ $title }" teaches no competency of the framework
finding-target-not-met = { $competency } must reach { $required } ({ $required_name }) for target "{ $target }": { $reached_count ->
        [0] not taught
       *[other] reached { $reached } ({ $reached_name })
    }
finding-uncovered-competency = level { $level }: { $count } of { $total } competencies not taught: { $competencies }
finding-taught-before-prerequisite = { $competency } is first taught in { $period } ({ $courses }), but its prerequisite { $prerequisite } only from { $prerequisite_period } ({ $prerequisite_courses }){ $undated_count ->
        [0] {""}
       *[other] ; { $undated }, which also teaches it, has no year
    }{ $path_count ->
        [1] {""}
       *[other] ; to teach first, in this order: { $path }
    }
finding-course-prerequisite-later = course { $course } ({ $period }) requires course { $prerequisite }, which is only scheduled later ({ $prerequisite_period })
finding-never-reinforced = { $competency } is only ever introduced, in { $count ->
        [one] one course
       *[other] { $count } courses
    } ({ $courses }), never reinforced or mastered: { $path }
finding-mastered-without-introduction = { $competency } is taught at mastery from { $period } without being introduced or reinforced before: { $path }
finding-depth-regresses = { $competency } reaches { $depth } ({ $depth_name }) in { $period }, then only { $later_depth } ({ $later_depth_name }) in { $later_period }, and nothing after goes as deep: { $path }
finding-redundant-coverage = { $count } courses of year { $year } teach { $competency } at the same depth, { $depth } ({ $depth_name }): { $courses }
finding-orphan-outcome = outcome { $outcome } of course { $course } maps to no competency: "{ $text }"
finding-duplicate-outcome = { $count } courses state the same outcome "{ $text }": { $courses }

severity-error = { $count ->
        [one] error
       *[other] errors
    }
severity-warning = { $count ->
        [one] warning
       *[other] warnings
    }
severity-info = { $count ->
        [one] note
       *[other] notes
    }
severity-name-error = error
severity-name-warning = warning
severity-name-info = note

## Depths and origins.
depth-I = introduced
depth-R = reinforced
depth-M = mastered
origin-explicit = explicit
origin-suggested = suggested

## Shared page parts.
generated-on = generated { $date }
footer = aimap { $version } · framework { $framework }
framework-label = framework
level-short = L{ $number }
year-n = Year { $year }
year-unknown = Year ?
semester-n = S{ $semester }
period-year-semester = Y{ $year } S{ $semester }
count-courses = { $count ->
        [one] { $count } course
       *[other] { $count } courses
    }
count-outcomes = { $count ->
        [one] { $count } learning outcome
       *[other] { $count } learning outcomes
    }
count-programmes = { $count ->
        [one] { $count } programme
       *[other] { $count } programmes
    }
mappings-line = { $explicit } explicit and { $suggested } suggested mappings
read-from = Read from:
all-programmes = All programmes
contents = Contents

## Programme page.
page-title = { $program } — AI skills gap report
section-summary = Summary
section-next = What to do next
section-levels = Coverage by level
section-target = Target
section-years = Coverage by year
section-graph = Dependencies between competencies
section-hours = Teaching time per level
section-crosswalks = Other frameworks
section-findings = Findings
section-courses = Courses and mappings
section-suggestions = Suggested mappings to review
taught-of = { $covered } of { $total } competencies taught ({ $percent })
explicit-count = { $count } with an explicit mapping
legend-levels = Solid: competencies with at least one explicit mapping. Hatched: covered only by mappings aimap suggested from the text, to be confirmed.
chart-levels-title = Competencies taught per level
chart-levels-desc = For each level, the share of its competencies taught with an explicit mapping and the share covered only by suggestions{ $target ->
        [yes] , with the target's requirement marked
       *[no] {""}
    }.
chart-target-marker = target
next-none = Every competency of the framework is taught. Check the depth and the order below.
next-gap = Teach { $competency } (level { $level }){ $dependants ->
        [0] {""}
        [one] : a prerequisite of one competency the programme teaches
       *[other] : a prerequisite of { $dependants } competencies the programme teaches
    }.
next-more-gaps = { $count ->
        [one] One more competency is not taught; see the coverage below.
       *[other] { $count } more competencies are not taught; see the coverage below.
    }
next-review = Review the { $count ->
        [one] suggested mapping
       *[other] { $count } suggested mappings
    } aimap proposed from the text: the coverage counts them until a reviewer rejects them.
next-teach = Teach { $competency } in { $host }{ $missing ->
        [0] {""}
       *[other] , after { $after }
    }{ $dependants ->
        [0] {""}
        [one] : one competency the programme teaches needs it
       *[other] : { $dependants } competencies the programme teaches need it
    }.
next-teach-new = Teach { $competency }{ $missing ->
        [0] {""}
       *[other] , after { $after }
    }: no course of the programme is close to it, so plan a new module.
next-deepen = Take { $competency } from { $reached } to { $required } in { $host }{ $missing ->
        [0] {""}
       *[other] , after { $after }
    }, as the target requires.
next-deepen-new = Take { $competency } from { $reached } to { $required }, as the target requires: no course of the programme is close to it.
next-more-recommendations = { $count ->
        [one] One more recommendation is listed under Recommendations.
       *[other] { $count } more recommendations are listed under Recommendations.
    }
host-semester = { $course } (S{ $semester })
host-year = { $course } (year { $year })
section-recommendations = Recommendations
column-why = Why
column-hosts = Where to teach it (score)
column-path = Teach first
rec-uncovered = not taught
rec-uncovered-required = not taught; target { $required }
rec-below = { $reached }; target { $required }
rec-no-host = no close course: a new module
legend-recommendations = For each competency not taught, or not as deep as the target asks, up to three existing courses that could teach it, best first. Score = { $affinity } × affinity (the words the course's title, description and outcomes share with the competency's title and terms, rarer words weighing more) + { $placement } × placement (the course comes no earlier than its taught prerequisites) + { $prerequisites } × the share of its prerequisites the programme already teaches. A course sharing too few words is never proposed. Teach first: the prerequisites still missing, in the order to teach them.
next-problems = { $count ->
        [one] Fix the problem listed under Findings.
       *[other] Fix the { $count } problems listed under Findings.
    }
column-level = Level
column-taught = Taught
column-explicit = Explicit
column-competency = Competency
column-required = Required
column-reached = Reached
column-status = Status
column-courses = Courses
column-course = Course
column-outcome = Outcome
column-depth = Depth
column-score = Score
column-evidence = Evidence
column-severity = Severity
column-code = Code
column-finding = Finding
column-where = Where
column-note = Note
column-item = Item
column-rolls-up = Rolls up onto
column-requires = Requires
column-hours = Hours
column-programme = Programme
column-outcomes = Outcomes
column-findings = Findings
column-what = What the learner does
status-met = met
status-not-taught = not taught
status-not-deep = not deep enough
target-heading = Target: { $title }
target-id = target
requirements-met = { $met } of { $total } requirements met ({ $percent })
legend-target = Required: the depth the target asks for; reached: the deepest depth any course reaches (dashed when only suggested mappings reach it).
legend-years = Deepest depth reached each year:
legend-years-suggested = A dashed, italic cell is covered only by suggested mappings.
not-taught-in-domain = Not taught ({ $domain }):
chart-heatmap-title = Depth reached per competency and year
chart-heatmap-desc = One row per competency taught, one column per year; the letter gives the deepest depth reached, hatching marks cells covered only by suggestions.
legend-graph = Boxes are competencies, arranged by level; an arrow goes from a prerequisite to the competency that needs it. Solid: taught with an explicit mapping; hatched: covered only by suggestions; dashed outline: not taught.
chart-graph-title = Competencies of the framework and their prerequisites
chart-graph-desc = { $covered } of { $total } competencies taught, { $suggested } of them only through suggestions; { $edges } prerequisite links.
graph-covered = taught
graph-suggested = suggested only
graph-uncovered = not taught
hours-total = { $hours } attributed to AI competencies out of { $all } of teaching.
hours-estimated = Some hours are estimated from ECTS credits at { $rate } per credit (the Bologna range is 25–30 h of student work per ECTS).
hours-rule = A course's hours are shared evenly among its outcomes, and an outcome's share evenly among the competencies it addresses.
hours-none = No course gives hours or ECTS credits, so teaching time cannot be shown.
chart-hours-title = Hours of teaching per level and year
chart-hours-desc = For each year, the hours attributed to competencies of each level.
legend-crosswalks = The programme's mappings name items of these frameworks. Each item rolls up onto competencies of { $framework }; the depth it gives is the depth the curriculum marked, capped by the depth the item implies. A chip shows the depth reached through the item; ≤R is the most an item not yet taught could give.
crosswalk-line = { $covered } of { $total } items taught · rolls up onto
outside-ai-scope = outside the AI scope
depth-as-marked = depth as marked
at-most = at most { $depth }
no-findings = No findings.
orphan-summary = { $count ->
        [one] One course teaches no AI competency
       *[other] { $count } courses teach no AI competency
    }
notes-summary = { $count ->
        [one] One note
       *[other] { $count } notes
    } (worth knowing, nothing urgent: competencies introduced once, levels the programme does not aim at, sheets skipped…)
legend-courses = Each outcome with the competencies it is mapped to: a plain chip is an explicit mapping, a hatched chip with a score is a suggestion (the evidence is in the table of suggestions).
course-mappings = Course:
via = via { $id }
non-ai-courses = { $count ->
        [one] One course maps to no AI competency:
       *[other] { $count } courses map to no AI competency:
    }
legend-suggestions = aimap proposed these mappings from the text of outcomes (and of courses without outcomes) that have no explicit mapping. Each shows the words it matched and the rule that accepted them. To confirm or reject them, run aimap suggest, fill in the accept column of the review file and pass it back with the curricula.
course-facts-year = year { $year }
course-facts-requires = requires { $courses }
tooltip-cell = { $competency } { $depth }, { $when }
tooltip-cell-suggested = { $competency } { $depth }, { $when } (suggested only)
year-lower = year { $year }
year-lower-unknown = year unknown
demo-note = This programme is a demonstration sample: { $what }

## Portfolio page.
index-title = AI skills in health curricula — portfolio
index-heading = AI skills in health curricula
legend-index = Each level cell: competencies taught out of the level's total. Solid bar: explicit mappings; hatched: suggested only.
section-level-list = Levels
target-column = Target { $target }
target-met = { $met }/{ $total } met

## Evidence of a suggestion. $q is the quoted words of the statement.
quote = "{ $text }"
evidence-term = { $q } (term { $term })
evidence-term-via = { $q } (term of { $via }: { $term })
evidence-words = { $q }
evidence-concept = { $q } ({ $concept })
evidence-rule-concept = { $q } ({ $concept }) [rule { $rule }]
evidence-rule-read-as = { $q } read as { $concept } from its context [rule { $rule }]
evidence-rule-topic = { $q } with { $anchor } → { $concept } [rule { $rule }]
evidence-rule-arrow = { $q } → { $concept } [rule { $rule }]
evidence-rule-bare = { $concept } [rule { $rule }]
evidence-rule-generic = { $q }: AI mentioned, no more specific competency [rule { $rule }]
evidence-gate-two = level 2: two distinct level-2 concepts
evidence-gate-building = level 2: { $several ->
        [yes] level-2 concepts
       *[no] a level-2 concept
    } with the building verb { $q }
evidence-gate-advanced = level 2: a level-2 concept in an advanced course ({ $q })
evidence-gate-data = level 2: a level-2 concept applied to { $q }
evidence-model = level { $level } by the fitted model (probability { $probability })
evidence-model-weighed = ; weighed most: { $features }
evidence-ranked = ranked first among the level's competencies by the fitted model
feature-cue = cue { $name }
feature-concept = concept { $name }
feature-term-of = a term of { $name }
feature-term-level = a level-{ $name } term
feature-rule-for = a rule for { $name }
feature-rule-level = a level-{ $name } rule
feature-gate = level-2 gate { $name }
feature-ai-named = AI named
feature-knowing = a verb of knowing
feature-lead = leading verb { $class } with level-{ $level } evidence

## Exports: the flat map (CSV), the workbook and their headers.
sheet-map = Map
sheet-gaps = Gaps
sheet-outcomes = Outcomes
header-program = programme
header-year = year
header-semester = semester
header-course = course
header-course-title = course title
header-outcome-id = outcome id
header-outcome = outcome
header-competency = competency
header-level = level
header-depth = depth
header-origin = origin
header-score = score
header-evidence = evidence
header-via = via
header-title = title
header-covered = taught
header-deepest = deepest depth
header-courses = courses
word-yes = yes
word-no = no
column-text = Text
feature-lead-none = no leading verb, level-{ $level } evidence
see-courses = listed under Courses and mappings
evidence-term-same = { $q } (term)

## Comparison of programmes (compare.html, and the portfolio's summary).
compare-title = AI skills in health curricula — programmes compared
section-similarity = Similarity
section-reference = Against the reference
section-unique = Taught by one programme only
section-matrix = Competencies by programme
legend-similarity = Weighted Jaccard index over competency depths (not taught 0, I 1, R 2, M 3): the sum of the smaller depth over the sum of the larger, competency by competency; 1 is the same coverage at the same depths, 0 nothing taught in common.
similarity-order = Similar programmes side by side:
compare-reference-program = Each programme against { $name }: the competencies it teaches, at its depth.
compare-reference-target = Each programme against the target { $id }.
column-met = Met
column-missing = Not taught
column-shallower = Not deep enough
unique-none = No competency is taught by one programme only.
legend-matrix = Deepest depth each programme reaches, with the hours attributed to it when the programme gives hours; a dashed, italic cell is covered only by suggested mappings.
chart-compare-title = Share of each level's competencies taught, per programme
chart-compare-desc = For each level, one bar per programme: the percentage of the level's competencies it teaches.
section-comparison = Programmes compared
comparison-more = The full comparison, with the competency matrix, is written by aimap compare.
## Periods and depth paths.
period-semester = S{ $semester }
period-year = year { $year }
period-unknown = year unknown
path-step = { $depth } ({ $period })
path-arrow = {" → "}

## Progression, teaching order and the findings table.
section-order = Teaching order
legend-order = The competencies the programme teaches, each after its prerequisites; among those that can come next, the one the programme teaches earliest comes first.
column-progression = Progression
orphan-outcomes-summary = { $count ->
        [one] One outcome of a course that teaches AI maps to no competency
       *[other] { $count } outcomes of courses that teach AI map to no competency
    }

## One-line explanations of each kind of finding, shown beside it.
explain-uncovered-competency = Skills of the framework that no course teaches: the committee decides which ones the programme should add.
explain-taught-before-prerequisite = Students meet a skill before the skill it builds on: move a course, or teach the foundation earlier.
explain-prerequisite-never-taught = A skill is taught but the skill it builds on is taught nowhere: add the foundation, or check the mapping.
explain-course-prerequisite-later = A course says it needs another course that comes later in the timetable: swap them, or correct the prerequisite.
explain-never-reinforced = Students meet the skill at the introductory level only, once or several times, and never practise it further.
explain-mastered-without-introduction = Students are expected to master a skill that no earlier course has introduced.
explain-depth-regresses = A later course teaches the skill at a lower level than an earlier one and nothing deeper follows: check the depth marks, or deepen the later course.
explain-redundant-coverage = Several courses of the same year teach the same skill at the same level: coordinate them, or let one go deeper.
explain-orphan-course = The course teaches none of the framework's AI skills: normal for most clinical courses.
explain-orphan-outcome = The outcome maps to no AI skill although its course teaches some: normal for most outcomes, worth a look when it mentions AI or data.
explain-unknown-competency = A mapping names a skill id no framework defines, so it counts for nothing: fix the typo, or load the framework.
explain-course-prerequisite-cycle = Courses require each other in a circle, so no timetable can satisfy them: correct the prerequisites.
explain-unknown-prerequisite-course = A prerequisite names a course the programme does not have: fix the code.
explain-target-not-met = The programme does not reach the depth the chosen target asks for this skill.
explain-invalid-value = A cell could not be read (a year that is not a number, an unknown depth): fix it in the file.
explain-duplicate-outcome = The same outcome appears twice (the same id, or the same wording in several courses): check whether it is a copy.
explain-inconsistent-course = Rows of one course disagree (year, hours…): the first value is used.
explain-duplicate-column = Two columns mean the same thing: only the first is read.
explain-missing-course = A row names no course, so it could not be placed.
explain-framework-error = A framework file is wrong and must be fixed before it can be used.
explain-framework-warning = A framework file works, but probably not as its author meant.
explain-encoding-assumed = The file was not saved as UTF-8: its accents were read with the encoding named.
explain-skipped-sheet = A sheet has no course or outcome column and was left out.
explain-skipped-file = Something in the folder cannot be read as a file and was left out.
explain-html-removed = Text held web markup, which was removed.
explain-programme-outcome = Outcomes that belong to no course were read as outcomes of the whole programme.
explain-unresolved-reference = The Curriculum Inventory file points at something it does not contain.
explain-ragged-row = A row has more cells than the header: the extra cells are ignored.
explain-variant-spelling = A name or code is spelled in several ways: they were read as one.
explain-repeated-header = A row repeats the header (files pasted together) and was skipped.
explain-repeated-outcome = A course lists the same outcome twice: it was read once.
explain-unused-event = A Curriculum Inventory event belongs to no block, so its hours are not counted.
explain-unmatched-review-row = A review decision names an outcome or course that no longer exists, so it was ignored.
rec-level-untouched = Level { $level } ({ $name }) is not taught at all: whether the programme should teach its { $count } competencies is a choice for the committee (a target, --target, states it), so they are not listed one by one.

## Demand: job postings (demand.html, demand.csv, and the programme page's supply against demand).
demand-title = AI skills asked for in job postings
demand-count = { $postings ->
        [one] { $postings } posting
       *[other] { $postings } postings
    }, { $ai ->
        [one] { $ai } AI posting
       *[other] { $ai } AI postings
    }
demand-section-summary = Summary
demand-section-levels = Level asked for
demand-section-by = By { $dimension }
demand-section-competencies = Competencies asked for
demand-section-problems = Problems met while reading
demand-section-method = How postings are counted
demand-dim-country = country
demand-dim-region = region
demand-dim-sector = sector
demand-dim-occupation = occupation
demand-dim-quarter = quarter
demand-unknown = not given
demand-other = other values
demand-column-cell = Value
demand-column-postings = Postings
demand-column-ai = AI postings
demand-column-share = Share
demand-column-interval = 95% interval
demand-column-level-share = { $level } share
demand-column-competency = Competency
demand-small = fewer than { $min } postings: too few to read
demand-small-mark = (small)
demand-rule = A posting counts as an AI posting when its title and description name at least { $min } distinct AI concepts (the OECD rule: Green & Lamby 2023, OECD Social, Employment and Migration Working Papers No. 287). Its level is the highest level the classifier finds in it.
demand-wilson = Intervals are Wilson score intervals at 95%: (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n), with z = 1.96. Cells of fewer than { $min } postings are marked and their shares should not be read.
demand-level-share-legend = Share of all postings whose highest level is this one; the rest are not AI postings.
demand-competency-legend = Share of AI postings asking for each competency.
demand-chart-title = Level asked for, by country
demand-chart-desc = For each country, one bar per level: the percentage of its postings whose highest level is that level.
demand-no-problems = Every row was read.
demand-files = Read from
demand-header-id = id
demand-header-title = title
demand-header-country = country
demand-header-region = region
demand-header-sector = sector
demand-header-occupation = occupation
demand-header-date = date
demand-header-quarter = quarter
demand-header-ai = ai_posting
demand-header-level = level
demand-header-competencies = competencies
demand-header-evidence = evidence
section-supply-demand = Supply against demand
supply-demand-intro = { $postings ->
        [one] { $postings } posting
       *[other] { $postings } postings
    } read from { $files }, { $ai ->
        [one] { $ai } AI posting
       *[other] { $ai } AI postings
    }.
supply-column-demand = Demand
supply-column-taught = Taught
supply-column-hours = Hours
supply-gaps = Most demanded, least taught
supply-gaps-none = The programme teaches every competency the postings ask for.
supply-legend = Demand: share of AI postings whose highest level is the level (or that ask for the competency), with its 95% interval. Taught: competencies of the level the programme teaches.
chart-supply-title = Demand against teaching, per level
chart-supply-desc = For each level, two bars: the percentage of AI postings asking for it at most, and the percentage of its competencies the programme teaches.
supply-series-demand = demand
supply-series-taught = taught
explain-posting-without-text = A job posting has neither a title nor a text, so it cannot be classified: it is left out of the shares.
explain-unreadable-posting = A job posting could not be read (a broken JSON line, a cell of the wrong kind): it is left out, the others are counted.
compare-too-many = More than { $max } programmes: the chart, the similarity table and the competency matrix are in compare.json only.
