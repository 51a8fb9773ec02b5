# Textes des rapports d'aimap, en français. Chaque clé existe aussi dans
# en.ftl (un test le vérifie) ; seuls `report` et `cli` lisent ce fichier.

## Constats : un message par code qui porte des paramètres typés.
finding-prerequisite-never-taught = { $competency } est enseignée, mais son prérequis { $prerequisite } n'est enseigné nulle part dans la formation
finding-orphan-course = l'enseignement { $course } « { $title } » n'enseigne aucune compétence du référentiel
finding-target-not-met = { $competency } doit atteindre { $required } ({ $required_name }) pour l'objectif « { $target } » : { $reached_count ->
        [0] non enseignée
       *[other] atteint { $reached } ({ $reached_name })
    }
finding-uncovered-competency = niveau { $level } : { $count ->
        [one] { $count } compétence sur { $total } non enseignée
       *[other] { $count } compétences sur { $total } non enseignées
    } : { $competencies }
finding-taught-before-prerequisite = { $competency } est enseignée dès { $period } ({ $courses }), mais son prérequis { $prerequisite } seulement à partir de { $prerequisite_period } ({ $prerequisite_courses }){ $undated_count ->
        [0] {""}
       *[other] ; { $undated }, qui l'enseigne aussi, n'a pas d'année
    }{ $path_count ->
        [1] {""}
       *[other] ; à enseigner d'abord, dans cet ordre : { $path }
    }
finding-course-prerequisite-later = l'enseignement { $course } ({ $period }) a pour prérequis l'enseignement { $prerequisite }, placé plus tard ({ $prerequisite_period })
finding-never-reinforced = { $competency } n'est abordée qu'en sensibilisation, dans { $count ->
        [one] un enseignement
       *[other] { $count } enseignements
    } ({ $courses }), jamais approfondie ni maîtrisée : { $path }
finding-mastered-without-introduction = { $competency } est attendue en maîtrise dès { $period } sans avoir été abordée ni approfondie avant : { $path }
finding-depth-regresses = { $competency } atteint { $depth } ({ $depth_name }) en { $period }, puis seulement { $later_depth } ({ $later_depth_name }) en { $later_period }, et rien ensuite ne va aussi loin : { $path }
finding-redundant-coverage = { $count } enseignements de l'année { $year } traitent { $competency } à la même profondeur, { $depth } ({ $depth_name }) : { $courses }
finding-orphan-outcome = l'objectif { $outcome } de l'enseignement { $course } ne correspond à aucune compétence : « { $text } »
finding-duplicate-outcome = { $count } enseignements énoncent le même objectif « { $text } » : { $courses }

severity-error = { $count ->
        [one] erreur
       *[other] erreurs
    }
severity-warning = { $count ->
        [one] avertissement
       *[other] avertissements
    }
severity-info = { $count ->
        [one] remarque
       *[other] remarques
    }
severity-name-error = erreur
severity-name-warning = avertissement
severity-name-info = remarque

## Niveaux de maîtrise et origines.
depth-I = sensibilisation
depth-R = approfondissement
depth-M = maîtrise
origin-explicit = explicite
origin-suggested = suggérée

## Parties communes.
generated-on = produit le { $date }
footer = aimap { $version } · référentiel { $framework }
framework-label = référentiel
level-short = L{ $number }
year-n = Année { $year }
year-unknown = Année ?
semester-n = S{ $semester }
period-year-semester = A{ $year } S{ $semester }
count-courses = { $count ->
        [one] { $count } enseignement
       *[other] { $count } enseignements
    }
count-outcomes = { $count ->
        [one] { $count } objectif d'apprentissage
       *[other] { $count } objectifs d'apprentissage
    }
count-programmes = { $count ->
        [one] { $count } formation
       *[other] { $count } formations
    }
mappings-line = { $explicit } correspondances explicites et { $suggested } suggérées
read-from = Lu dans :
all-programmes = Toutes les formations
contents = Sommaire

## Page d'une formation.
page-title = { $program } — rapport des lacunes en compétences d'IA
section-summary = Synthèse
section-next = Que faire ensuite
section-levels = Couverture par niveau
section-target = Objectif
section-years = Couverture par année
section-graph = Dépendances entre compétences
section-hours = Temps d'enseignement par niveau
section-crosswalks = Autres référentiels
section-findings = Constats
section-courses = Enseignements et correspondances
section-suggestions = Correspondances suggérées à valider
taught-of = { $covered } compétences enseignées sur { $total } ({ $percent })
explicit-count = { $count ->
        [one] { $count } avec une correspondance explicite
       *[other] { $count } avec une correspondance explicite
    }
legend-levels = Plein : compétences qui ont au moins une correspondance explicite. Hachuré : couvertes seulement par des correspondances qu'aimap a suggérées d'après le texte, à confirmer.
chart-levels-title = Compétences enseignées par niveau
chart-levels-desc = Pour chaque niveau, la part de ses compétences enseignées avec une correspondance explicite et la part couverte seulement par des suggestions{ $target ->
        [yes] , avec l'exigence de l'objectif marquée
       *[no] {""}
    }.
chart-target-marker = objectif
next-none = Toutes les compétences du référentiel sont enseignées. Vérifiez la profondeur et l'ordre ci-dessous.
next-gap = Enseigner { $competency } (niveau { $level }){ $dependants ->
        [0] {""}
        [one] , prérequis d'une compétence que la formation enseigne
       *[other] , prérequis de { $dependants } compétences que la formation enseigne
    }.
next-more-gaps = { $count ->
        [one] Une autre compétence n'est pas enseignée ; voir la couverture ci-dessous.
       *[other] { $count } autres compétences ne sont pas enseignées ; voir la couverture ci-dessous.
    }
next-review = Valider { $count ->
        [one] la correspondance suggérée
       *[other] les { $count } correspondances suggérées
    } par aimap d'après le texte : la couverture les compte tant qu'un relecteur ne les a pas rejetées.
next-teach = Enseigner { $competency } dans { $host }{ $missing ->
        [0] {""}
       *[other] , après { $after }
    }{ $dependants ->
        [0] {""}
        [one]  : une compétence que la formation enseigne en a besoin
       *[other]  : { $dependants } compétences que la formation enseigne en ont besoin
    }.
next-teach-new = Enseigner { $competency }{ $missing ->
        [0] {""}
       *[other] , après { $after }
    } : aucun enseignement de la formation n'en est proche, prévoir un nouveau module.
next-deepen = Porter { $competency } de { $reached } à { $required } dans { $host }{ $missing ->
        [0] {""}
       *[other] , après { $after }
    }, comme l'exige l'objectif.
next-deepen-new = Porter { $competency } de { $reached } à { $required }, comme l'exige l'objectif : aucun enseignement de la formation n'en est proche.
next-more-recommendations = { $count ->
        [one] Une autre recommandation figure sous Recommandations.
       *[other] { $count } autres recommandations figurent sous Recommandations.
    }
host-semester = { $course } (S{ $semester })
host-year = { $course } (année { $year })
section-recommendations = Recommandations
column-why = Motif
column-hosts = Où l'enseigner (score)
column-path = D'abord
rec-uncovered = non enseignée
rec-uncovered-required = non enseignée ; objectif { $required }
rec-below = { $reached } ; objectif { $required }
rec-no-host = aucun enseignement proche : un nouveau module
legend-recommendations = Pour chaque compétence non enseignée, ou moins approfondie que ne le demande l'objectif, jusqu'à trois enseignements existants qui pourraient l'accueillir, le meilleur d'abord. Score = { $affinity } × affinité (les mots que l'intitulé, le descriptif et les objectifs de l'enseignement partagent avec l'intitulé et les termes de la compétence, les mots rares pesant plus) + { $placement } × placement (l'enseignement ne vient pas avant ses prérequis enseignés) + { $prerequisites } × la part de ses prérequis que la formation enseigne déjà. Un enseignement qui partage trop peu de mots n'est jamais proposé. D'abord : les prérequis encore absents, dans l'ordre où les enseigner.
next-problems = { $count ->
        [one] Corriger le problème signalé dans les constats.
       *[other] Corriger les { $count } problèmes signalés dans les constats.
    }
column-level = Niveau
column-taught = Enseignées
column-explicit = Explicites
column-competency = Compétence
column-required = Exigé
column-reached = Atteint
column-status = État
column-courses = Enseignements
column-course = Enseignement
column-outcome = Objectif
column-depth = Profondeur
column-score = Score
column-evidence = Indices
column-severity = Gravité
column-code = Code
column-finding = Constat
column-where = Où
column-note = Remarque
column-item = Élément
column-rolls-up = Se rattache à
column-requires = Prérequis
column-hours = Heures
column-programme = Formation
column-outcomes = Objectifs
column-findings = Constats
column-what = Ce que fait l'apprenant
status-met = atteint
status-not-taught = non enseignée
status-not-deep = pas assez approfondie
target-heading = Objectif : { $title }
target-id = objectif
requirements-met = { $met } exigences atteintes sur { $total } ({ $percent })
legend-target = Exigé : la profondeur que demande l'objectif ; atteint : la plus grande profondeur qu'atteint un enseignement (en pointillé quand seules des correspondances suggérées l'atteignent).
legend-years = Profondeur maximale atteinte chaque année :
legend-years-suggested = Une cellule en pointillé et en italique n'est couverte que par des correspondances suggérées.
not-taught-in-domain = Non enseignées ({ $domain }) :
chart-heatmap-title = Profondeur atteinte par compétence et par année
chart-heatmap-desc = Une ligne par compétence enseignée, une colonne par année ; la lettre donne la profondeur maximale atteinte, les hachures marquent les cellules couvertes seulement par des suggestions.
legend-graph = Chaque boîte est une compétence, rangée par niveau ; une flèche va d'un prérequis à la compétence qui en a besoin. Plein : enseignée avec une correspondance explicite ; hachuré : couverte seulement par des suggestions ; contour en tirets : non enseignée.
chart-graph-title = Compétences du référentiel et leurs prérequis
chart-graph-desc = { $covered } compétences enseignées sur { $total }, dont { $suggested } seulement par des suggestions ; { $edges } liens de prérequis.
graph-covered = enseignée
graph-suggested = suggérée seulement
graph-uncovered = non enseignée
hours-total = { $hours } attribuées à des compétences d'IA sur { $all } d'enseignement.
hours-estimated = Certaines heures sont estimées à partir des crédits ECTS, à raison de { $rate } par crédit (la fourchette de Bologne est de 25 à 30 h de travail étudiant par ECTS).
hours-rule = Les heures d'un enseignement sont partagées également entre ses objectifs, et la part d'un objectif également entre les compétences qu'il vise.
hours-none = Aucun enseignement ne donne d'heures ni de crédits ECTS : le temps d'enseignement ne peut pas être montré.
chart-hours-title = Heures d'enseignement par niveau et par année
chart-hours-desc = Pour chaque année, les heures attribuées aux compétences de chaque niveau.
legend-crosswalks = Les correspondances de la formation citent des éléments de ces référentiels. Chaque élément se rattache à des compétences de { $framework } ; la profondeur qu'il donne est celle que le programme indique, plafonnée par celle que l'élément implique. Une pastille montre la profondeur atteinte par l'élément ; ≤R est le plus qu'un élément non encore enseigné pourrait donner.
crosswalk-line = { $covered } éléments enseignés sur { $total } · se rattache à
outside-ai-scope = hors du champ de l'IA
depth-as-marked = profondeur indiquée
at-most = au plus { $depth }
no-findings = Aucun constat.
orphan-summary = { $count ->
        [one] Un enseignement n'enseigne aucune compétence d'IA
       *[other] { $count } enseignements n'enseignent aucune compétence d'IA
    }
notes-summary = { $count ->
        [one] Une remarque
       *[other] { $count } remarques
    } (à connaître, sans urgence : compétences abordées une seule fois, niveaux que la formation ne vise pas, feuilles ignorées…)
legend-courses = Chaque objectif avec les compétences auxquelles il correspond : une pastille simple est une correspondance explicite, une pastille hachurée avec un score est une suggestion (les indices sont dans le tableau des suggestions).
course-mappings = Enseignement :
via = par { $id }
non-ai-courses = { $count ->
        [one] Un enseignement ne correspond à aucune compétence d'IA :
       *[other] { $count } enseignements ne correspondent à aucune compétence d'IA :
    }
legend-suggestions = aimap a proposé ces correspondances d'après le texte des objectifs (et des enseignements sans objectif) qui n'ont aucune correspondance explicite. Chacune montre les mots reconnus et la règle qui les a acceptés. Pour les confirmer ou les rejeter, lancez aimap suggest, remplissez la colonne accept du fichier de relecture et joignez-le aux programmes.
course-facts-year = année { $year }
course-facts-requires = prérequis { $courses }
tooltip-cell = { $competency } { $depth }, { $when }
tooltip-cell-suggested = { $competency } { $depth }, { $when } (suggérée seulement)
year-lower = année { $year }
year-lower-unknown = année inconnue
demo-note = Cette formation est un exemple de démonstration : { $what }

## Page du portefeuille.
index-title = Compétences d'IA dans les formations de santé — portefeuille
index-heading = Compétences d'IA dans les formations de santé
legend-index = Chaque cellule de niveau : compétences enseignées sur le total du niveau. Barre pleine : correspondances explicites ; hachurée : suggérées seulement.
section-level-list = Niveaux
target-column = Objectif { $target }
target-met = { $met }/{ $total } atteints

## Indices d'une suggestion. $q : les mots cités de l'énoncé.
quote = «{"\u00a0"}{ $text }{"\u00a0"}»
evidence-term = { $q } (terme { $term })
evidence-term-via = { $q } (terme de { $via }{"\u00a0"}: { $term })
evidence-words = { $q }
evidence-concept = { $q } ({ $concept })
evidence-rule-concept = { $q } ({ $concept }) [règle { $rule }]
evidence-rule-read-as = { $q } lu comme { $concept } d'après son contexte [règle { $rule }]
evidence-rule-topic = { $q } avec { $anchor } → { $concept } [règle { $rule }]
evidence-rule-arrow = { $q } → { $concept } [règle { $rule }]
evidence-rule-bare = { $concept } [règle { $rule }]
evidence-rule-generic = { $q }{"\u00a0"}: IA citée, sans compétence plus précise [règle { $rule }]
evidence-gate-two = niveau 2{"\u00a0"}: deux concepts distincts de niveau 2
evidence-gate-building = niveau 2{"\u00a0"}: { $several ->
        [yes] des concepts de niveau 2
       *[no] un concept de niveau 2
    } avec le verbe de construction { $q }
evidence-gate-advanced = niveau 2{"\u00a0"}: un concept de niveau 2 dans un enseignement avancé ({ $q })
evidence-gate-data = niveau 2{"\u00a0"}: un concept de niveau 2 appliqué à { $q }
evidence-model = niveau { $level } selon le modèle ajusté (probabilité { $probability })
evidence-model-weighed = {"\u00a0"}; ont le plus pesé{"\u00a0"}: { $features }
evidence-ranked = classée première parmi les compétences du niveau par le modèle ajusté
feature-cue = indice { $name }
feature-concept = concept { $name }
feature-term-of = un terme de { $name }
feature-term-level = un terme de niveau { $name }
feature-rule-for = une règle pour { $name }
feature-rule-level = une règle de niveau { $name }
feature-gate = porte de niveau 2 { $name }
feature-ai-named = IA citée
feature-knowing = un verbe de connaissance
feature-lead = verbe initial { $class } avec des indices de niveau { $level }

## Exports : la carte à plat (CSV), le classeur et leurs en-têtes.
sheet-map = Carte
sheet-gaps = Lacunes
sheet-outcomes = Objectifs
header-program = formation
header-year = année
header-semester = semestre
header-course = enseignement
header-course-title = intitulé
header-outcome-id = id objectif
header-outcome = objectif
header-competency = compétence
header-level = niveau
header-depth = profondeur
header-origin = origine
header-score = score
header-evidence = indices
header-via = par
header-title = intitulé de la compétence
header-covered = enseignée
header-deepest = profondeur maximale
header-courses = enseignements
word-yes = oui
word-no = non
column-text = Texte
feature-lead-none = pas de verbe initial, indices de niveau { $level }
see-courses = liste sous Enseignements et correspondances
evidence-term-same = { $q } (terme)

## Comparaison des formations (compare.html, et la synthèse du portefeuille).
compare-title = Compétences d'IA dans les formations de santé — formations comparées
section-similarity = Similarité
section-reference = Par rapport à la référence
section-unique = Enseigné par une seule formation
section-matrix = Compétences par formation
legend-similarity = Indice de Jaccard pondéré sur les profondeurs (non enseignée 0, I 1, R 2, M 3){"\u00a0"}: la somme de la plus petite profondeur sur la somme de la plus grande, compétence par compétence{"\u00a0"}; 1 pour la même couverture aux mêmes profondeurs, 0 si rien n'est enseigné en commun.
similarity-order = Formations proches côte à côte{"\u00a0"}:
compare-reference-program = Chaque formation par rapport à { $name }{"\u00a0"}: les compétences qu'elle enseigne, à sa profondeur.
compare-reference-target = Chaque formation par rapport à l'objectif { $id }.
column-met = Atteintes
column-missing = Non enseignées
column-shallower = Pas assez approfondies
unique-none = Aucune compétence n'est enseignée par une seule formation.
legend-matrix = Profondeur maximale atteinte par chaque formation, avec les heures qui lui sont attribuées quand la formation donne des heures{"\u00a0"}; une cellule en pointillé et en italique n'est couverte que par des correspondances suggérées.
chart-compare-title = Part des compétences de chaque niveau enseignées, par formation
chart-compare-desc = Pour chaque niveau, une barre par formation{"\u00a0"}: le pourcentage des compétences du niveau qu'elle enseigne.
section-comparison = Formations comparées
comparison-more = La comparaison complète, avec la matrice des compétences, est produite par aimap compare.
## Périodes et progressions.
period-semester = S{ $semester }
period-year = année { $year }
period-unknown = année inconnue
path-step = { $depth } ({ $period })
path-arrow = {" → "}

## Progression, ordre d'enseignement et tableau des constats.
section-order = Ordre d'enseignement
legend-order = Les compétences que la formation enseigne, chacune après ses prérequis ; parmi celles qui peuvent venir ensuite, celle que la formation enseigne le plus tôt vient d'abord.
column-progression = Progression
orphan-outcomes-summary = { $count ->
        [one] { $count } objectif d'un enseignement qui traite de l'IA ne correspond à aucune compétence
       *[other] { $count } objectifs d'enseignements qui traitent de l'IA ne correspondent à aucune compétence
    }

## Une ligne d'explication par type de constat, affichée à côté.
explain-uncovered-competency = Des compétences du référentiel qu'aucun enseignement ne traite : au comité de décider lesquelles la formation doit ajouter.
explain-taught-before-prerequisite = Les étudiants abordent une compétence avant celle sur laquelle elle repose : déplacer un enseignement, ou enseigner le socle plus tôt.
explain-prerequisite-never-taught = Une compétence est enseignée, mais celle sur laquelle elle repose ne l'est nulle part : ajouter le socle, ou vérifier la correspondance.
explain-course-prerequisite-later = Un enseignement demande un prérequis placé plus tard dans le calendrier : les intervertir, ou corriger le prérequis.
explain-never-reinforced = La compétence est abordée en sensibilisation seulement, une ou plusieurs fois, sans jamais être approfondie.
explain-mastered-without-introduction = On attend la maîtrise d'une compétence qu'aucun enseignement antérieur n'a introduite.
explain-depth-regresses = Un enseignement plus tardif traite la compétence moins en profondeur qu'un précédent, et rien de plus poussé ne suit : vérifier les niveaux indiqués, ou approfondir.
explain-redundant-coverage = Plusieurs enseignements d'une même année traitent la même compétence au même niveau : les coordonner, ou faire approfondir l'un d'eux.
explain-orphan-course = L'enseignement ne traite aucune compétence IA du référentiel : c'est normal pour la plupart des enseignements cliniques.
explain-orphan-outcome = L'objectif ne correspond à aucune compétence IA alors que son enseignement en traite : normal le plus souvent, à regarder s'il parle d'IA ou de données.
explain-unknown-competency = Une correspondance cite un identifiant qu'aucun référentiel ne définit et ne compte donc pas : corriger la faute, ou charger le référentiel.
explain-course-prerequisite-cycle = Des enseignements se requièrent en boucle, aucun calendrier ne peut les satisfaire : corriger les prérequis.
explain-unknown-prerequisite-course = Un prérequis cite un enseignement que la formation n'a pas : corriger le code.
explain-target-not-met = La formation n'atteint pas, pour cette compétence, la profondeur que demande l'objectif choisi.
explain-invalid-value = Une cellule n'a pas pu être lue (une année qui n'est pas un nombre, une profondeur inconnue) : la corriger dans le fichier.
explain-duplicate-outcome = Le même objectif apparaît deux fois (même identifiant, ou même texte dans plusieurs enseignements) : vérifier s'il s'agit d'une copie.
explain-inconsistent-course = Des lignes d'un même enseignement se contredisent (année, heures…) : la première valeur est retenue.
explain-duplicate-column = Deux colonnes désignent la même chose : seule la première est lue.
explain-missing-course = Une ligne ne cite aucun enseignement et n'a pas pu être rattachée.
explain-framework-error = Un fichier de référentiel est erroné et doit être corrigé avant usage.
explain-framework-warning = Un fichier de référentiel fonctionne, mais sans doute pas comme son auteur le voulait.
explain-encoding-assumed = Le fichier n'était pas en UTF-8 : ses accents ont été lus avec l'encodage indiqué.
explain-skipped-sheet = Une feuille sans colonne d'enseignement ni d'objectif a été laissée de côté.
explain-skipped-file = Un élément du dossier ne se lit pas comme un fichier et a été laissé de côté.
explain-html-removed = Le texte contenait du balisage web, qui a été retiré.
explain-programme-outcome = Des objectifs rattachés à aucun enseignement ont été lus comme objectifs de la formation entière.
explain-unresolved-reference = Le fichier Curriculum Inventory renvoie à un élément qu'il ne contient pas.
explain-ragged-row = Une ligne a plus de cellules que l'en-tête : les cellules en trop sont ignorées.
explain-variant-spelling = Un nom ou un code est écrit de plusieurs façons : elles ont été lues comme une seule.
explain-repeated-header = Une ligne répète l'en-tête (fichiers collés bout à bout) et a été sautée.
explain-repeated-outcome = Un enseignement cite deux fois le même objectif : il a été lu une fois.
explain-unused-event = Un événement Curriculum Inventory n'appartient à aucun bloc : ses heures ne sont pas comptées.
explain-unmatched-review-row = Une décision de relecture cite un objectif ou un enseignement qui n'existe plus : elle est ignorée.
rec-level-untouched = Le niveau { $level } ({ $name }) n'est pas enseigné du tout{"\u00a0"}: enseigner ses { $count } compétences est un choix du comité (un objectif, --target, le fixe){"\u00a0"}; elles ne sont donc pas listées une à une.

## Demande : offres d'emploi (demand.html, demand.csv, et l'offre face à la demande de la page d'une formation).
demand-title = Compétences en IA demandées dans les offres d'emploi
demand-count = { $postings ->
        [one] { $postings } offre
       *[other] { $postings } offres
    }, dont { $ai ->
        [one] { $ai } offre IA
       *[other] { $ai } offres IA
    }
demand-section-summary = Synthèse
demand-section-levels = Niveau demandé
demand-section-by = Par { $dimension }
demand-section-competencies = Compétences demandées
demand-section-problems = Problèmes rencontrés à la lecture
demand-section-method = Comment les offres sont comptées
demand-dim-country = pays
demand-dim-region = région
demand-dim-sector = secteur
demand-dim-occupation = métier
demand-dim-quarter = trimestre
demand-unknown = non renseigné
demand-other = autres valeurs
demand-column-cell = Valeur
demand-column-postings = Offres
demand-column-ai = Offres IA
demand-column-share = Part
demand-column-interval = Intervalle à 95 %
demand-column-level-share = Part { $level }
demand-column-competency = Compétence
demand-small = moins de { $min } offres : trop peu pour être lu
demand-small-mark = (faible effectif)
demand-rule = Une offre compte comme offre IA quand son intitulé et son descriptif nomment au moins { $min } notions d'IA distinctes (la règle de l'OCDE : Green et Lamby 2023, OECD Social, Employment and Migration Working Papers n° 287). Son niveau est le plus élevé que le classifieur y trouve.
demand-wilson = Les intervalles sont des intervalles de score de Wilson à 95 % : (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n), avec z = 1,96. Les cellules de moins de { $min } offres sont signalées ; leurs parts ne doivent pas être lues.
demand-level-share-legend = Part de toutes les offres dont ce niveau est le plus élevé ; les autres ne sont pas des offres IA.
demand-competency-legend = Part des offres IA qui demandent chaque compétence.
demand-chart-title = Niveau demandé, par pays
demand-chart-desc = Pour chaque pays, une barre par niveau : le pourcentage de ses offres dont c'est le niveau le plus élevé.
demand-no-problems = Toutes les lignes ont été lues.
demand-files = Lu dans
demand-header-id = id
demand-header-title = intitule
demand-header-country = pays
demand-header-region = region
demand-header-sector = secteur
demand-header-occupation = metier
demand-header-date = date
demand-header-quarter = trimestre
demand-header-ai = offre_ia
demand-header-level = niveau
demand-header-competencies = competences
demand-header-evidence = indices
section-supply-demand = L'offre de formation face à la demande
supply-demand-intro = { $postings ->
        [one] { $postings } offre
       *[other] { $postings } offres
    } lues dans { $files }, dont { $ai ->
        [one] { $ai } offre IA
       *[other] { $ai } offres IA
    }.
supply-column-demand = Demande
supply-column-taught = Enseigné
supply-column-hours = Heures
supply-gaps = Les plus demandées, les moins enseignées
supply-gaps-none = La formation enseigne toutes les compétences que les offres demandent.
supply-legend = Demande : part des offres IA dont c'est le niveau le plus élevé (ou qui demandent la compétence), avec son intervalle à 95 %. Enseigné : compétences du niveau que la formation enseigne.
chart-supply-title = Demande et enseignement, par niveau
chart-supply-desc = Pour chaque niveau, deux barres : le pourcentage des offres IA qui le demandent au plus, et le pourcentage de ses compétences que la formation enseigne.
supply-series-demand = demande
supply-series-taught = enseigné
explain-posting-without-text = Une offre d'emploi n'a ni intitulé ni texte et ne peut pas être classée{"\u00a0"}: elle n'entre pas dans les parts.
explain-unreadable-posting = Une offre d'emploi n'a pas pu être lue (une ligne JSON cassée, une cellule d'un mauvais type){"\u00a0"}: elle est écartée, les autres sont comptées.
compare-too-many = Plus de { $max } formations{"\u00a0"}: le graphique, le tableau des similarités et la matrice des compétences ne figurent que dans compare.json.
