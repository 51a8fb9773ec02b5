#!/usr/bin/env python3
"""Writes samples/postings.csv: job postings the project made up for the
demand side of aimap (none is copied from a real advert). Deterministic:
the same run writes the same bytes. Run from the repository root:

    python3 samples/generate.py

Each posting carries the label it was written for (`intended`: none, L0,
L1, L2); `aimap demand` ignores that column (docs/demand.md compares the
two). The level mix is stated in samples/README.md.
"""

import csv
import random

RNG = random.Random(14)
N = 320
# Share of intended labels, in this order.
MIX = [("none", 0.30), ("L0", 0.25), ("L1", 0.25), ("L2", 0.20)]
QUARTERS = [(2023, 1), (2023, 2), (2023, 3), (2023, 4),
            (2024, 1), (2024, 2), (2024, 3), (2024, 4)]

COUNTRIES = {
    "FR": ("fr", ["Île-de-France", "Auvergne-Rhône-Alpes", "Occitanie",
                  "Nouvelle-Aquitaine", "Grand Est", "Bretagne",
                  "Hauts-de-France", "Pays de la Loire"]),
    "BE": ("fr", ["Wallonie", "Bruxelles-Capitale"]),
    "CH": ("fr", ["Vaud", "Genève"]),
    "CA": ("fr", ["Québec"]),
    "DE": ("en", ["Bayern", "Berlin", "Nordrhein-Westfalen"]),
    "NL": ("en", ["Noord-Holland", "Zuid-Holland"]),
    "IE": ("en", ["Dublin", "Cork"]),
    "SE": ("en", ["Stockholm", "Västra Götaland"]),
}
COUNTRY_WEIGHTS = {"FR": 40, "BE": 10, "CH": 8, "CA": 7, "DE": 12,
                   "NL": 9, "IE": 7, "SE": 7}

EMPLOYERS = {
    "fr": [("CHU de {city}", "hôpital public"),
           ("GHT {region}", "hôpital public"),
           ("ARS {region}", "agence régionale de santé"),
           ("Plateforme nationale des données de santé", "plateforme nationale de données"),
           ("{start} Santé", "start-up e-santé"),
           ("Laboratoires {lab}", "industrie pharmaceutique"),
           ("Clinique {saint}", "clinique privée")],
    "en": [("{city} University Hospital", "public hospital"),
           ("{city} Health Trust", "public hospital"),
           ("Regional Health Authority {region}", "regional health agency"),
           ("National Health Data Platform", "national health-data platform"),
           ("{start} Health", "health-tech start-up"),
           ("{lab} Pharma", "pharmaceutical industry"),
           ("{saint} Private Clinic", "private clinic")],
}
CITIES = {"FR": ["Lyon", "Toulouse", "Bordeaux", "Nantes", "Lille", "Rennes",
                 "Strasbourg", "Montpellier", "Paris"],
          "BE": ["Liège", "Bruxelles", "Namur"], "CH": ["Lausanne", "Genève"],
          "CA": ["Montréal", "Québec"], "DE": ["Munich", "Berlin", "Cologne"],
          "NL": ["Amsterdam", "Rotterdam", "Leiden"], "IE": ["Dublin", "Cork"],
          "SE": ["Stockholm", "Gothenburg"]}
STARTS = ["Medisight", "Cardiolab", "Vitalis", "Noema", "Kairos", "Orbis",
          "Lumen", "Salvia"]
LABS = ["Alcyon", "Boréal", "Cérès", "Dauphin", "Heliotrope"]
SAINTS = ["Saint-Louis", "Sainte-Anne", "Saint-Martin", "Pasteur"]

# ISCO-08 codes by intended label.
OCCUPATIONS = {
    "none": ["2221", "2212", "2264", "3221", "1342", "2261"],
    "L0": ["2221", "2211", "1342", "2262", "2263"],
    "L1": ["2120", "2521", "3252", "2511", "2529"],
    "L2": ["2511", "2512", "2120", "2131", "2519"],
}

TITLES = {
    ("fr", "none"): ["Infirmier(e) en cardiologie", "Aide-soignant(e) de nuit",
                     "Cadre de santé des urgences", "Kinésithérapeute en rééducation",
                     "Sage-femme en maternité", "Pharmacien(ne) hospitalier(e)",
                     "Infirmier(e) de bloc opératoire", "Secrétaire médical(e)"],
    ("fr", "L0"): ["Infirmier(e) référent(e) outils numériques",
                   "Médecin coordonnateur télésanté",
                   "Chargé(e) de mission santé numérique",
                   "Cadre de santé, projet d'aide au diagnostic",
                   "Pharmacien(ne) référent(e) dispositifs médicaux numériques"],
    ("fr", "L1"): ["Data analyst santé", "Ingénieur(e) entrepôt de données de santé",
                   "Chargé(e) d'études statistiques", "Data manager en recherche clinique",
                   "Technicien(ne) d'information médicale (DIM)"],
    ("fr", "L2"): ["Data scientist imagerie médicale", "Ingénieur(e) machine learning",
                   "Chercheur(se) en traitement automatique des langues cliniques",
                   "Ingénieur(e) MLOps", "Data scientist senior, modèles prédictifs"],
    ("en", "none"): ["Cardiology staff nurse", "Night healthcare assistant",
                     "Emergency department ward manager", "Physiotherapist",
                     "Community midwife", "Hospital pharmacist", "Theatre nurse",
                     "Medical secretary"],
    ("en", "L0"): ["Digital health nurse lead", "Clinical lead for telehealth",
                   "Digital transformation officer, health",
                   "Clinical safety officer for decision-support tools",
                   "Medical devices pharmacist, digital tools"],
    ("en", "L1"): ["Health data analyst", "Clinical data warehouse engineer",
                   "Biostatistician", "Clinical research data manager",
                   "Clinical coding and information analyst"],
    ("en", "L2"): ["Data scientist, medical imaging", "Machine learning engineer",
                   "Clinical NLP research scientist", "MLOps engineer",
                   "Senior data scientist, predictive models"],
}

CONTEXT = {
    "fr": ["{employer} recrute pour renforcer ses équipes.",
           "Au sein de {employer}, vous rejoignez une équipe pluridisciplinaire.",
           "{employer} ({region}) ouvre un poste en CDI.",
           "Poste basé à {city}, rattaché à la direction des soins de {employer}."],
    "en": ["{employer} is recruiting to strengthen its teams.",
           "At {employer} you will join a multidisciplinary team.",
           "{employer} ({region}) offers a permanent position.",
           "Based in {city}, reporting to the nursing directorate of {employer}."],
}

# Requirements. Each bank names skills at its level in the project's own words.
SKILLS = {
    ("fr", "none"): [
        "Prise en charge des patients atteints de valvulopathies : IA (insuffisance aortique), RA et IM.",
        "Surveillance clinique et application de l'algorithme de soins du service.",
        "Vous assurez un prompt service auprès des familles et des patients.",
        "Respect des protocoles d'hygiène et des procédures de sécurité transfusionnelle.",
        "Travail en équipe, sens de l'écoute et rigueur dans les transmissions.",
        "Gestion des plannings et encadrement des étudiants en stage.",
        "Connaissance de l'algorithme de prise en charge de l'arrêt cardiaque.",
        "Suivi des patients porteurs d'une IA sévère avant remplacement valvulaire.",
    ],
    ("fr", "L0"): [
        "Vous accompagnez les équipes dans l'usage sûr des outils d'intelligence artificielle générative pour la rédaction des comptes rendus.",
        "Vous expliquez aux patients le rôle et les limites de l'outil d'aide au diagnostic fondé sur l'IA.",
        "Connaissance du règlement européen sur l'IA (AI Act) et du RGPD appliqués aux dispositifs médicaux.",
        "Vous savez repérer les biais d'un algorithme d'apprentissage automatique et ses risques pour l'équité des soins.",
        "Vous évaluez de façon critique les études sur l'intelligence artificielle en santé.",
        "Sensibilisation à l'éthique de l'IA et à la responsabilité professionnelle face aux recommandations d'un système d'IA.",
    ],
    ("fr", "L1"): [
        "Maîtrise de SQL et de Python pour interroger l'entrepôt de données de santé.",
        "Expérience des standards FHIR et du modèle de données OMOP.",
        "Contrôle de la qualité des données et construction de tableaux de bord sous Power BI.",
        "Analyses statistiques sous R : régressions, analyses de survie, visualisation des données.",
        "Extraction et préparation de données du PMSI et du SNDS.",
        "Programmation en Python (pandas) et gestion de bases de données PostgreSQL.",
    ],
    ("fr", "L2"): [
        "Vous concevez, entraînez et validez des modèles d'apprentissage profond pour la segmentation d'images IRM.",
        "Vous développez des modèles de traitement automatique du langage pour extraire des informations des comptes rendus.",
        "Mise en production et suivi des modèles de machine learning (MLOps, Docker, MLflow).",
        "Expérience de PyTorch ou TensorFlow et des réseaux de neurones convolutifs.",
        "Vous entraînez des modèles prédictifs de réhospitalisation par gradient boosting et validez leurs performances sur une cohorte externe.",
        "Publication de travaux de recherche en apprentissage automatique appliqué à la santé.",
    ],
    ("en", "none"): [
        "Care of patients with valve disease, including AI (aortic insufficiency) and mitral regurgitation.",
        "Clinical observation following the ward's care algorithm for deteriorating patients.",
        "You ensure prompt service and a prompt response to patient call bells.",
        "Adherence to infection control protocols and safe medicines administration.",
        "Team work, listening skills and accurate handovers.",
        "Rota management and supervision of nursing students.",
        "Knowledge of the resuscitation algorithm and basic life support.",
        "Monitoring of patients with severe AI awaiting valve replacement.",
    ],
    ("en", "L0"): [
        "You support staff in the safe use of generative AI tools for clinical documentation.",
        "You explain to patients what the AI-based diagnostic support tool does and where its limits lie.",
        "Knowledge of the EU AI Act and GDPR as they apply to AI medical devices.",
        "You can recognise bias in a machine learning algorithm and its risks for fair care.",
        "You critically appraise studies of artificial intelligence in healthcare.",
        "Awareness of AI ethics and of professional accountability when following an AI system's recommendation.",
    ],
    ("en", "L1"): [
        "Strong SQL and Python to query the clinical data warehouse.",
        "Experience with FHIR and the OMOP common data model.",
        "Data quality checks and dashboards in Power BI.",
        "Statistical analysis in R: regression, survival analysis, data visualisation.",
        "Extraction and preparation of hospital episode data and registries.",
        "Programming in Python (pandas) and PostgreSQL database management.",
    ],
    ("en", "L2"): [
        "You design, train and validate deep learning models for MRI segmentation.",
        "You develop natural language processing models to extract information from clinical notes.",
        "Deployment and monitoring of machine learning models in production (MLOps, Docker, MLflow).",
        "Hands-on experience with PyTorch or TensorFlow and convolutional neural networks.",
        "You train gradient boosting models to predict readmission and validate them on an external cohort.",
        "A record of research publications in machine learning for health.",
    ],
}

CLOSING = {
    "fr": ["Poste à temps plein, rémunération selon la grille de la fonction publique hospitalière.",
           "Télétravail partiel possible.", "Prise de poste dès que possible."],
    "en": ["Full-time post, salary according to experience.",
           "Hybrid working available.", "Start as soon as possible."],
}


def pick_label():
    x = RNG.random()
    acc = 0.0
    for label, share in MIX:
        acc += share
        if x < acc:
            return label
    return MIX[-1][0]


def country():
    keys = sorted(COUNTRY_WEIGHTS)
    return RNG.choices(keys, weights=[COUNTRY_WEIGHTS[k] for k in keys])[0]


def date_of(year, q):
    month = (q - 1) * 3 + RNG.randint(1, 3)
    day = RNG.randint(1, 28)
    style = RNG.randrange(3)
    if style == 0:
        return f"{year}-{month:02d}-{day:02d}"
    if style == 1:
        return f"{day:02d}/{month:02d}/{year}"
    return f"{year}-Q{q}"


def posting(k):
    label = pick_label()
    c = country()
    lang, regions = COUNTRIES[c]
    region = RNG.choice(regions)
    city = RNG.choice(CITIES[c])
    name, sector = RNG.choice(EMPLOYERS[lang])
    employer = name.format(city=city, region=region, start=RNG.choice(STARTS),
                           lab=RNG.choice(LABS), saint=RNG.choice(SAINTS))
    fill = dict(employer=employer, region=region, city=city)
    sentences = [RNG.choice(CONTEXT[lang]).format(**fill)]
    own = SKILLS[(lang, label)]
    sentences += RNG.sample(own, RNG.randint(2, 3))
    # Higher levels usually ask for some of the lower ones too.
    if label == "L2" and RNG.random() < 0.6:
        sentences.append(RNG.choice(SKILLS[(lang, "L1")]))
    if label in ("L1", "L2") and RNG.random() < 0.3:
        sentences.append(RNG.choice(SKILLS[(lang, "L0")]))
    # Traps in AI postings too: a cardiology unit's data scientist.
    if label != "none" and RNG.random() < 0.15:
        sentences.append(RNG.choice(SKILLS[(lang, "none")]))
    sentences.append(RNG.choice(CLOSING[lang]))
    year, q = QUARTERS[k % len(QUARTERS)]
    return {
        "id": f"P{k + 1:04d}",
        "title": RNG.choice(TITLES[(lang, label)]),
        "description": " ".join(sentences),
        "employer": employer,
        "sector": sector,
        "occupation": RNG.choice(OCCUPATIONS[label]),
        "country": c,
        "region": region,
        "date": date_of(year, q),
        "lang": lang,
        "intended": label,
    }


def main():
    rows = [posting(k) for k in range(N)]
    with open("samples/postings.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    main()
