//! Generated job postings for the demand bench (`benches/demand.rs`) and
//! the whole-tool figure (`examples/postings.rs`): deterministic (a fixed
//! seed, no clock), in English and French, 1 to 4 KB of title and
//! description each. The sentences are the project's own, in the style of
//! `samples/generate.py` (whose skill sentences they reuse), never taken
//! from a real advert.
//!
//! The mix, drawn per posting: 50 % written as not AI (usually with one of
//! the traps: "IA" for aortic insufficiency, "algorithme de soins",
//! "prompt service"), 20 % L0, 20 % L1, 10 % L2. Whatever its level, most
//! of a posting is the ordinary text of any advert (context, duties,
//! conditions), with two to five sentences naming skills at its level.

#![allow(dead_code)]

use std::io::{self, Write};

/// SplitMix64: a small, well-mixed generator with a fixed seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// `true` with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Fr,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Label {
    None,
    L0,
    L1,
    L2,
}

/// One generated posting, its fields as a posting file holds them.
pub struct Posting {
    pub id: String,
    pub title: String,
    pub description: String,
    pub employer: String,
    pub sector: &'static str,
    pub occupation: &'static str,
    pub country: &'static str,
    pub region: &'static str,
    pub date: String,
}

impl Posting {
    /// Bytes of posting text: title and description.
    pub fn text_len(&self) -> usize {
        self.title.len() + self.description.len()
    }
}

const COUNTRIES: &[(&str, Lang, &[&str], &[&str])] = &[
    (
        "FR",
        Lang::Fr,
        &[
            "Île-de-France",
            "Auvergne-Rhône-Alpes",
            "Occitanie",
            "Bretagne",
            "Grand Est",
        ],
        &["Lyon", "Toulouse", "Nantes", "Lille", "Rennes", "Paris"],
    ),
    (
        "BE",
        Lang::Fr,
        &["Wallonie", "Bruxelles-Capitale"],
        &["Liège", "Namur"],
    ),
    ("CH", Lang::Fr, &["Vaud", "Genève"], &["Lausanne", "Genève"]),
    ("CA", Lang::Fr, &["Québec"], &["Montréal", "Québec"]),
    ("DE", Lang::En, &["Bayern", "Berlin"], &["Munich", "Berlin"]),
    (
        "NL",
        Lang::En,
        &["Noord-Holland", "Zuid-Holland"],
        &["Amsterdam", "Leiden"],
    ),
    ("IE", Lang::En, &["Dublin", "Cork"], &["Dublin", "Cork"]),
    ("SE", Lang::En, &["Stockholm"], &["Stockholm", "Gothenburg"]),
];

const EMPLOYERS_FR: &[(&str, &str)] = &[
    ("CHU de {city}", "hôpital public"),
    ("GHT {region}", "hôpital public"),
    ("ARS {region}", "agence régionale de santé"),
    (
        "Plateforme nationale des données de santé",
        "plateforme nationale de données",
    ),
    ("Noema Santé", "start-up e-santé"),
    ("Laboratoires Boréal", "industrie pharmaceutique"),
    ("Clinique Sainte-Anne", "clinique privée"),
];
const EMPLOYERS_EN: &[(&str, &str)] = &[
    ("{city} University Hospital", "public hospital"),
    ("{city} Health Trust", "public hospital"),
    (
        "Regional Health Authority {region}",
        "regional health agency",
    ),
    (
        "National Health Data Platform",
        "national health-data platform",
    ),
    ("Kairos Health", "health-tech start-up"),
    ("Alcyon Pharma", "pharmaceutical industry"),
    ("Pasteur Private Clinic", "private clinic"),
];

const OCCUPATIONS: [&[&str]; 4] = [
    &["2221", "2212", "2264", "3221", "1342"],
    &["2221", "2211", "1342", "2262"],
    &["2120", "2521", "3252", "2511"],
    &["2511", "2512", "2120", "2131"],
];

fn titles(lang: Lang, label: Label) -> &'static [&'static str] {
    match (lang, label) {
        (Lang::Fr, Label::None) => &[
            "Infirmier(e) en cardiologie",
            "Aide-soignant(e) de nuit",
            "Cadre de santé des urgences",
            "Sage-femme en maternité",
            "Pharmacien(ne) hospitalier(e)",
            "Secrétaire médical(e)",
        ],
        (Lang::Fr, Label::L0) => &[
            "Infirmier(e) référent(e) outils numériques",
            "Chargé(e) de mission santé numérique",
            "Cadre de santé, projet d'aide au diagnostic",
        ],
        (Lang::Fr, Label::L1) => &[
            "Data analyst santé",
            "Ingénieur(e) entrepôt de données de santé",
            "Data manager en recherche clinique",
        ],
        (Lang::Fr, Label::L2) => &[
            "Data scientist imagerie médicale",
            "Ingénieur(e) machine learning",
            "Ingénieur(e) MLOps",
        ],
        (Lang::En, Label::None) => &[
            "Cardiology staff nurse",
            "Night healthcare assistant",
            "Emergency department ward manager",
            "Community midwife",
            "Hospital pharmacist",
            "Medical secretary",
        ],
        (Lang::En, Label::L0) => &[
            "Digital health nurse lead",
            "Clinical lead for telehealth",
            "Clinical safety officer for decision-support tools",
        ],
        (Lang::En, Label::L1) => &[
            "Health data analyst",
            "Clinical data warehouse engineer",
            "Clinical research data manager",
        ],
        (Lang::En, Label::L2) => &[
            "Data scientist, medical imaging",
            "Machine learning engineer",
            "MLOps engineer",
        ],
    }
}

fn skills(lang: Lang, label: Label) -> &'static [&'static str] {
    match (lang, label) {
        (Lang::Fr, Label::None) => &[
            "Prise en charge des patients atteints de valvulopathies : IA (insuffisance aortique), RA et IM.",
            "Surveillance clinique et application de l'algorithme de soins du service.",
            "Vous assurez un prompt service auprès des familles et des patients.",
            "Connaissance de l'algorithme de prise en charge de l'arrêt cardiaque.",
            "Suivi des patients porteurs d'une IA sévère avant remplacement valvulaire.",
        ],
        (Lang::Fr, Label::L0) => &[
            "Vous accompagnez les équipes dans l'usage sûr des outils d'intelligence artificielle générative pour la rédaction des comptes rendus.",
            "Vous expliquez aux patients le rôle et les limites de l'outil d'aide au diagnostic fondé sur l'IA.",
            "Connaissance du règlement européen sur l'IA (AI Act) et du RGPD appliqués aux dispositifs médicaux.",
            "Vous savez repérer les biais d'un algorithme d'apprentissage automatique et ses risques pour l'équité des soins.",
            "Vous évaluez de façon critique les études sur l'intelligence artificielle en santé.",
            "Sensibilisation à l'éthique de l'IA et à la responsabilité professionnelle face aux recommandations d'un système d'IA.",
        ],
        (Lang::Fr, Label::L1) => &[
            "Maîtrise de SQL et de Python pour interroger l'entrepôt de données de santé.",
            "Expérience des standards FHIR et du modèle de données OMOP.",
            "Contrôle de la qualité des données et construction de tableaux de bord sous Power BI.",
            "Analyses statistiques sous R : régressions, analyses de survie, visualisation des données.",
            "Extraction et préparation de données du PMSI et du SNDS.",
            "Programmation en Python (pandas) et gestion de bases de données PostgreSQL.",
        ],
        (Lang::Fr, Label::L2) => &[
            "Vous concevez, entraînez et validez des modèles d'apprentissage profond pour la segmentation d'images IRM.",
            "Vous développez des modèles de traitement automatique du langage pour extraire des informations des comptes rendus.",
            "Mise en production et suivi des modèles de machine learning (MLOps, Docker, MLflow).",
            "Expérience de PyTorch ou TensorFlow et des réseaux de neurones convolutifs.",
            "Publication de travaux de recherche en apprentissage automatique appliqué à la santé.",
        ],
        (Lang::En, Label::None) => &[
            "Care of patients with valve disease, including AI (aortic insufficiency) and mitral regurgitation.",
            "Clinical observation following the ward's care algorithm for deteriorating patients.",
            "You ensure prompt service and a prompt response to patient call bells.",
            "Knowledge of the resuscitation algorithm and basic life support.",
            "Monitoring of patients with severe AI awaiting valve replacement.",
        ],
        (Lang::En, Label::L0) => &[
            "You support staff in the safe use of generative AI tools for clinical documentation.",
            "You explain to patients what the AI-based diagnostic support tool does and where its limits lie.",
            "Knowledge of the EU AI Act and GDPR as they apply to AI medical devices.",
            "You can recognise bias in a machine learning algorithm and its risks for fair care.",
            "You critically appraise studies of artificial intelligence in healthcare.",
            "Awareness of AI ethics and of professional accountability when following an AI system's recommendation.",
        ],
        (Lang::En, Label::L1) => &[
            "Strong SQL and Python to query the clinical data warehouse.",
            "Experience with FHIR and the OMOP common data model.",
            "Data quality checks and dashboards in Power BI.",
            "Statistical analysis in R: regression, survival analysis, data visualisation.",
            "Programming in Python (pandas) and PostgreSQL database management.",
        ],
        (Lang::En, Label::L2) => &[
            "You design, train and validate deep learning models for MRI segmentation.",
            "You develop natural language processing models to extract information from clinical notes.",
            "Deployment and monitoring of machine learning models in production (MLOps, Docker, MLflow).",
            "Hands-on experience with PyTorch or TensorFlow and convolutional neural networks.",
            "A record of research publications in machine learning for health.",
        ],
    }
}

/// The ordinary text of an advert: what most of every posting is.
fn filler(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Fr => &[
            "Vous participez aux transmissions orales et écrites avec l'équipe de jour et l'équipe de nuit.",
            "Vous travaillez en lien étroit avec les médecins, les cadres de santé et les équipes paramédicales.",
            "Le service compte trente lits d'hospitalisation complète et dix places d'hôpital de jour.",
            "Vous contribuez à l'accueil et à l'intégration des nouveaux professionnels et des étudiants.",
            "Horaires en 12 heures, un week-end sur deux, avec une prime de service annuelle.",
            "Vous participez aux réunions de service et aux groupes de travail sur la qualité des soins.",
            "La structure est certifiée par la Haute Autorité de santé et engagée dans une démarche d'amélioration continue.",
            "Vous veillez au respect du secret professionnel et à la confidentialité des informations des patients.",
            "Diplôme d'État exigé ; une première expérience en établissement de santé est appréciée.",
            "Vous êtes reconnu(e) pour votre sens de l'organisation, votre rigueur et votre capacité d'adaptation.",
            "Restaurant du personnel, crèche hospitalière et parking gratuit sur le site.",
            "Vous gérez les commandes de matériel et le suivi des stocks de la pharmacie du service.",
            "Vous rédigez les comptes rendus de réunion et tenez à jour les tableaux de suivi d'activité.",
            "L'établissement propose un plan de formation continue et un accompagnement à la prise de poste.",
            "Vous participez à la coordination du parcours des patients avec les partenaires de ville.",
            "Le poste est ouvert aux titulaires comme aux contractuels, avec possibilité de mutation.",
            "Vous appliquez les protocoles de prévention des chutes et des escarres.",
            "Vous êtes à l'aise avec les outils bureautiques courants et le dossier patient informatisé.",
            "Une astreinte téléphonique est organisée par roulement entre les membres de l'équipe.",
            "Vous participez à l'éducation thérapeutique des patients et à l'information de leurs proches.",
            "Les candidatures, lettre de motivation et curriculum vitae, sont à adresser à la direction des ressources humaines.",
            "Le site est accessible en tramway et dispose d'un local vélos sécurisé.",
        ],
        Lang::En => &[
            "You take part in verbal and written handovers between the day and night teams.",
            "You work closely with doctors, ward managers and the allied health professions.",
            "The unit has thirty inpatient beds and ten day-case places.",
            "You help welcome and induct new staff and students on placement.",
            "Twelve-hour shifts, one weekend in two, with an annual service bonus.",
            "You attend team meetings and working groups on the quality of care.",
            "The organisation is accredited by the national regulator and committed to continuous improvement.",
            "You respect professional confidentiality and the privacy of patient information.",
            "A professional registration is required; experience in a hospital setting is welcome.",
            "You are known for your organisation, attention to detail and adaptability.",
            "Staff restaurant, on-site nursery and free parking are available.",
            "You order supplies and keep track of the ward's stock of medicines.",
            "You write up meeting notes and keep the activity tracking sheets up to date.",
            "The organisation offers a continuing education plan and a structured induction.",
            "You help coordinate patient pathways with community partners and general practice.",
            "The post is open to permanent and fixed-term staff, with internal mobility possible.",
            "You apply the protocols for preventing falls and pressure ulcers.",
            "You are comfortable with common office software and the electronic patient record.",
            "An on-call telephone rota is shared among the members of the team.",
            "You take part in patient education and in keeping relatives informed.",
            "Applications, a cover letter and a curriculum vitae, go to the human resources department.",
            "The site is served by tram and has secure bicycle storage.",
        ],
    }
}

fn closing(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Fr => &[
            "Poste à temps plein, rémunération selon la grille de la fonction publique hospitalière.",
            "Télétravail partiel possible.",
            "Prise de poste dès que possible.",
        ],
        Lang::En => &[
            "Full-time post, salary according to experience.",
            "Hybrid working available.",
            "Start as soon as possible.",
        ],
    }
}

/// Posting number `k` (from 0) of the stream seeded by `rng`.
pub fn posting(rng: &mut Rng, k: u64) -> Posting {
    let label = match rng.below(10) {
        0..=4 => Label::None,
        5 | 6 => Label::L0,
        7 | 8 => Label::L1,
        _ => Label::L2,
    };
    let (country, lang, regions, cities) = COUNTRIES[rng.below(COUNTRIES.len())];
    let region = rng.pick(regions);
    let city = rng.pick(cities);
    let employers = match lang {
        Lang::Fr => EMPLOYERS_FR,
        Lang::En => EMPLOYERS_EN,
    };
    let (name, sector) = employers[rng.below(employers.len())];
    let employer = name.replace("{city}", city).replace("{region}", region);
    let context = match lang {
        Lang::Fr => format!("{employer} ({region}) recrute pour renforcer ses équipes à {city}."),
        Lang::En => {
            format!("{employer} ({region}) is recruiting to strengthen its teams in {city}.")
        }
    };
    // The skills at the posting's level, then lower levels sometimes.
    let mut asked: Vec<&str> = Vec::new();
    let own = skills(lang, label);
    let n = if label == Label::None {
        usize::from(rng.chance(80))
    } else {
        2 + rng.below(4)
    };
    for _ in 0..n {
        asked.push(rng.pick(own));
    }
    if label == Label::L2 && rng.chance(60) {
        asked.push(rng.pick(skills(lang, Label::L1)));
    }
    if matches!(label, Label::L1 | Label::L2) && rng.chance(30) {
        asked.push(rng.pick(skills(lang, Label::L0)));
    }
    if label != Label::None && rng.chance(15) {
        asked.push(rng.pick(skills(lang, Label::None)));
    }
    // 1 to 4 KB of text: ordinary sentences around the skills.
    let target = 1000 + rng.below(3000);
    let mut description = context;
    let mut pending = asked.into_iter();
    let fill = filler(lang);
    let end = rng.pick(closing(lang));
    while description.len() + end.len() + 1 < target {
        let s = if rng.chance(25) {
            pending.next().unwrap_or_else(|| rng.pick(fill))
        } else {
            rng.pick(fill)
        };
        if description.len() + s.len() + end.len() + 2 > 4000 {
            break;
        }
        description.push(' ');
        description.push_str(s);
    }
    for s in pending {
        description.push(' ');
        description.push_str(s);
    }
    description.push(' ');
    description.push_str(end);
    let (year, q) = (2023 + (k / 4) % 2, 1 + k % 4);
    let month = (q - 1) * 3 + 1 + rng.below(3) as u64;
    let day = 1 + rng.below(28);
    let date = match rng.below(3) {
        0 => format!("{year}-{month:02}-{day:02}"),
        1 => format!("{day:02}/{month:02}/{year}"),
        _ => format!("{year}-Q{q}"),
    };
    let occupation = OCCUPATIONS[label as usize];
    Posting {
        id: format!("G{:08}", k + 1),
        title: rng.pick(titles(lang, label)).to_owned(),
        description,
        employer,
        sector,
        occupation: rng.pick(occupation),
        country,
        region,
        date,
    }
}

/// The seed of every generated stream.
pub const SEED: u64 = 14;

/// The first `n` postings.
pub fn postings(n: usize) -> Vec<Posting> {
    let mut rng = Rng::new(SEED);
    (0..n as u64).map(|k| posting(&mut rng, k)).collect()
}

const HEADER: [&str; 9] = [
    "id",
    "title",
    "description",
    "employer",
    "sector",
    "occupation",
    "country",
    "region",
    "date",
];

fn row(p: &Posting) -> [&str; 9] {
    [
        &p.id,
        &p.title,
        &p.description,
        &p.employer,
        p.sector,
        p.occupation,
        p.country,
        p.region,
        &p.date,
    ]
}

/// `postings` as the bytes of a CSV file (UTF-8, comma-separated).
pub fn csv_of(postings: &[Posting]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(HEADER).expect("writes to memory");
    for p in postings {
        w.write_record(row(p)).expect("writes to memory");
    }
    w.into_inner().expect("writes to memory")
}

/// Writes postings as CSV (UTF-8, comma-separated) until at least `bytes`
/// are written; returns the postings written.
pub fn write_csv(out: impl Write, bytes: u64) -> io::Result<u64> {
    let mut w = csv::Writer::from_writer(CountingWriter { inner: out, n: 0 });
    w.write_record(HEADER)?;
    let mut rng = Rng::new(SEED);
    let mut k = 0u64;
    loop {
        w.flush()?;
        if w.get_ref().n >= bytes {
            break;
        }
        w.write_record(row(&posting(&mut rng, k)))?;
        k += 1;
    }
    w.flush()?;
    Ok(k)
}

/// Writes postings as JSON Lines until at least `bytes` are written;
/// returns the postings written.
pub fn write_jsonl(mut out: impl Write, bytes: u64) -> io::Result<u64> {
    let mut rng = Rng::new(SEED);
    let (mut k, mut n) = (0u64, 0u64);
    while n < bytes {
        let p = posting(&mut rng, k);
        let line = format!(
            "{{\"id\":{},\"title\":{},\"description\":{},\"employer\":{},\"sector\":{},\
             \"occupation\":{},\"country\":{},\"region\":{},\"date\":{}}}\n",
            json(&p.id),
            json(&p.title),
            json(&p.description),
            json(&p.employer),
            json(p.sector),
            json(p.occupation),
            json(p.country),
            json(p.region),
            json(&p.date),
        );
        out.write_all(line.as_bytes())?;
        n += line.len() as u64;
        k += 1;
    }
    out.flush()?;
    Ok(k)
}

/// `s` as a JSON string (the generated text has quotes, never control
/// characters).
fn json(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

struct CountingWriter<W> {
    inner: W,
    n: u64,
}

impl<W: Write> Write for CountingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let k = self.inner.write(buf)?;
        self.n += k as u64;
        Ok(k)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}
