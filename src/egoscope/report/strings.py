"""Every word of the report and the coaching sheet, in French and English (data only).

Keys are ``section.item``; ``{name}`` placeholders are filled by ``Translator``. A key ending in
``.one``/``.other`` is a plural pair read by ``Translator.plural``. Category labels, explanations and
rewrites are not here: they come from the rule files (``lang/fr/rules_*.yaml``).
"""

from __future__ import annotations

MONTHS: dict[str, tuple[str, ...]] = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
SHORT_MONTHS: dict[str, tuple[str, ...]] = {
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}

STRINGS: dict[str, dict[str, str]] = {
    # -- shared ------------------------------------------------------------------------------------
    "period.range": {"fr": "du {start} au {end}", "en": "{start} to {end}"},
    "period.all": {"fr": "toute la période", "en": "whole period"},
    "none": {"fr": "non renseigné", "en": "not given"},
    "footer.generated": {"fr": "Généré le {when} par egoscope", "en": "Generated on {when} by egoscope"},
    "footer.method": {
        "fr": "Les remarques sont repérées par des règles explicables ; chaque chiffre est une estimation, "
              "à lire comme une tendance plutôt qu'au centime près.",
        "en": "Remarks are found by explainable rules; every figure is an estimate, to be read as a trend "
              "rather than to the cent.",
    },
    "speaker.agent": {"fr": "Conseiller", "en": "Agent"},
    "speaker.customer": {"fr": "Client", "en": "Customer"},
    "advice.why": {"fr": "Pourquoi ça blesse :", "en": "Why it hurts:"},
    "advice.rewrite": {"fr": "Dire plutôt", "en": "Say instead"},
    "outcome.resolved": {"fr": "résolu", "en": "resolved"},
    "outcome.retained": {"fr": "retenu", "en": "retained"},
    "outcome.at_risk": {"fr": "à risque", "en": "at risk"},
    "outcome.lost": {"fr": "perdu", "en": "lost"},
    "status.open": {"fr": "en cours", "en": "open"},
    "status.kept": {"fr": "tenue", "en": "kept"},
    "status.broken": {"fr": "non tenue", "en": "broken"},
    "status.overdue": {"fr": "en retard", "en": "overdue"},
    "channel.phone": {"fr": "téléphone", "en": "phone"},
    "channel.chat": {"fr": "chat", "en": "chat"},
    "channel.email": {"fr": "e-mail", "en": "email"},
    "channel.store": {"fr": "magasin", "en": "store"},
    "spend_period.visit": {"fr": "visite", "en": "visit"},
    "spend_period.week": {"fr": "semaine", "en": "week"},
    "spend_period.month": {"fr": "mois", "en": "month"},
    "spend_period.year": {"fr": "année", "en": "year"},
    "topic.delivery": {"fr": "Livraison", "en": "Delivery"},
    "topic.billing": {"fr": "Facturation", "en": "Billing"},
    "topic.refund": {"fr": "Remboursement", "en": "Refund"},
    "topic.product_quality": {"fr": "Qualité produit", "en": "Product quality"},
    "topic.account_change": {"fr": "Changement de compte", "en": "Account change"},
    "topic.cancellation": {"fr": "Résiliation", "en": "Cancellation"},
    "topic.reachability": {"fr": "Joignabilité", "en": "Reaching us"},
    "topic.promotion": {"fr": "Promotion", "en": "Promotion"},
    "topic.loyalty": {"fr": "Fidélité", "en": "Loyalty"},
    "topic.store": {"fr": "Magasin", "en": "Store"},
    "topic.other": {"fr": "Autre", "en": "Other"},
    # -- report: header and navigation -------------------------------------------------------------
    "report.title": {"fr": "Relation client : le coût de l'ego", "en": "Customer relationship: the cost of ego"},
    "report.scope": {"fr": "{conversations} conversations · {agents} conseillers · {teams} équipes",
                     "en": "{conversations} conversations · {agents} agents · {teams} teams"},
    "report.empty.title": {"fr": "Aucune conversation sur cette période", "en": "No conversations in this period"},
    "report.empty.body": {
        "fr": "Élargissez les dates (--from, --to) ou importez des conversations avec « egoscope import ».",
        "en": "Widen the dates (--from, --to) or import conversations with “egoscope import”.",
    },
    "nav.label": {"fr": "Sommaire", "en": "Contents"},
    "section.overview": {"fr": "Vue d'ensemble", "en": "At a glance"},
    "section.remarks": {"fr": "Ce qui a été dit", "en": "What was said"},
    "section.worst": {"fr": "Conversations à revoir", "en": "Conversations to review"},
    "section.teams": {"fr": "Équipes et conseillers", "en": "Teams and agents"},
    "section.topics": {"fr": "Causes par sujet", "en": "Root causes by topic"},
    "section.promises": {"fr": "Promesses et recontacts", "en": "Promises and repeat contacts"},
    "section.cost": {"fr": "Le coût de l'ego", "en": "The cost of ego"},
    # -- overview ----------------------------------------------------------------------------------
    "overview.intro": {
        "fr": "Ce rapport repère, dans les échanges avec vos clients, les petites phrases qui les font partir : "
              "présenter un dû comme une faveur, souligner l'erreur du client, renvoyer la faute, avoir le "
              "dernier mot. Il montre aussi ce qui marche, et estime ce que ces phrases coûtent.",
        "en": "This report finds, in your customer conversations, the small remarks that drive customers away: "
              "presenting what is owed as a favour, pointing out the customer's mistake, passing the blame, "
              "having the last word. It also shows what works, and estimates what those remarks cost.",
    },
    "kpi.conversations": {"fr": "Conversations", "en": "Conversations"},
    "kpi.conversations.detail": {"fr": "analysées sur la période", "en": "analysed in the period"},
    "kpi.risk_rate": {"fr": "Remarques à risque", "en": "Risky remarks"},
    "kpi.risk_rate.detail": {"fr": "pour 100 réponses de conseiller", "en": "per 100 agent replies"},
    "kpi.escalation": {"fr": "Conversations qui s'enveniment", "en": "Conversations that escalate"},
    "kpi.escalation.detail": {"fr": "le client devient nettement plus négatif",
                              "en": "the customer turns clearly more negative"},
    "kpi.unhappy": {"fr": "Clients à risque ou perdus", "en": "Customers at risk or lost"},
    "kpi.unhappy.detail": {"fr": "part des conversations", "en": "share of conversations"},
    "kpi.revenue": {"fr": "Revenu en jeu", "en": "Revenue at risk"},
    "kpi.revenue.detail": {"fr": "valeur annuelle des clients menacés", "en": "yearly value of customers at risk"},
    "kpi.promises": {"fr": "Promesses non tenues", "en": "Promises not kept"},
    "kpi.promises.detail": {"fr": "non tenues ou en retard, sur {made} faites",
                            "en": "broken or overdue, out of {made} made"},
    "kpi.change": {"fr": "{change} par rapport à la période précédente", "en": "{change} on the previous period"},
    "overview.compared": {
        "fr": "Les évolutions comparent avec la période de même durée juste avant ; en vert ce qui s'améliore.",
        "en": "Changes compare with the period of the same length just before; green means better.",
    },
    "overview.takeaways": {"fr": "À retenir", "en": "Key points"},
    "overview.trends": {"fr": "Évolution", "en": "Trends"},
    "overview.trends.hint": {"fr": "Passez par semaine ou par mois avec les boutons en haut à droite.",
                             "en": "Switch between weeks and months with the buttons at the top right."},
    "overview.monthly": {"fr": "Mois par mois", "en": "Month by month"},
    "takeaway.revenue": {
        "fr": "{total} de revenu annuel sont en jeu dans ces conversations, dont {hidden} invisibles au premier "
              "regard (bouche-à-oreille et départs silencieux).",
        "en": "{total} of yearly revenue is at risk in these conversations, {hidden} of it hidden at first "
              "sight (word of mouth and silent leavers).",
    },
    "takeaway.top_risk": {
        "fr": "La remarque à risque la plus fréquente : « {label} » ({n} fois, dans {convs} conversations).",
        "en": "The most frequent risky remark: “{label}” ({n} times, in {convs} conversations).",
    },
    "takeaway.escalation": {"fr": "{share} des conversations s'enveniment en cours d'échange.",
                            "en": "{share} of conversations escalate along the way."},
    "takeaway.topic": {"fr": "Le sujet qui coûte le plus : {topic}, avec {eur} en jeu.",
                       "en": "The costliest topic: {topic}, with {eur} at risk."},
    "takeaway.promises": {"fr": "{unkept} promesses datées sur {made} n'ont pas été tenues ou sont en retard.",
                          "en": "{unkept} of {made} dated promises were broken or are overdue."},
    "takeaway.good": {"fr": "Point fort à encourager : {label} ({n} fois).",
                      "en": "A strength to encourage: {label} ({n} times)."},
    "chart.conversations": {"fr": "Conversations", "en": "Conversations"},
    "chart.risk_rate": {"fr": "Remarques à risque pour 100 réponses", "en": "Risky remarks per 100 replies"},
    "chart.escalation_rate": {"fr": "Conversations qui s'enveniment", "en": "Conversations that escalate"},
    "chart.revenue": {"fr": "Revenu en jeu (€)", "en": "Revenue at risk (€)"},
    "chart.by_week": {"fr": "Par semaine", "en": "By week"},
    "chart.by_month": {"fr": "Par mois", "en": "By month"},
    "chart.risks": {"fr": "Remarques à risque", "en": "Risky remarks"},
    "chart.good": {"fr": "Bonnes pratiques", "en": "Good practices"},
    # -- tables --------------------------------------------------------------------------------------
    "col.month": {"fr": "Mois", "en": "Month"},
    "col.conversations": {"fr": "Conversations", "en": "Conversations"},
    "col.risk_rate": {"fr": "Remarques à risque / 100 réponses", "en": "Risky remarks / 100 replies"},
    "col.escalation": {"fr": "S'enveniment", "en": "Escalate"},
    "col.unhappy": {"fr": "À risque ou perdus", "en": "At risk or lost"},
    "col.revenue": {"fr": "Revenu en jeu", "en": "Revenue at risk"},
    "col.remark": {"fr": "Remarque", "en": "Remark"},
    "col.times": {"fr": "Fois", "en": "Times"},
    "col.why": {"fr": "Ce que le client entend", "en": "What the customer hears"},
    "col.rewrite": {"fr": "Une formulation sincère", "en": "A sincere way to say it"},
    "col.score": {"fr": "Score", "en": "Score"},
    "col.team": {"fr": "Équipe", "en": "Team"},
    "col.agent": {"fr": "Conseiller", "en": "Agent"},
    "col.apology": {"fr": "Excuses quand il le fallait", "en": "Apologised when needed"},
    "col.reasons": {"fr": "Refus expliqués", "en": "Refusals explained"},
    "col.promises_unkept": {"fr": "Promesses non tenues", "en": "Promises not kept"},
    "col.topic": {"fr": "Sujet", "en": "Topic"},
    "col.lost": {"fr": "Clients perdus", "en": "Customers lost"},
    "col.topic_risks": {"fr": "Remarques à risque les plus fréquentes", "en": "Most frequent risky remarks"},
    "col.topic_reactions": {"fr": "Réactions des clients", "en": "Customer reactions"},
    "col.date": {"fr": "Date", "en": "Date"},
    "col.promise": {"fr": "Promesse", "en": "Promise"},
    "col.due": {"fr": "Échéance", "en": "Due"},
    "col.status": {"fr": "État", "en": "Status"},
    "col.assumption": {"fr": "Hypothèse", "en": "Assumption"},
    "col.value": {"fr": "Valeur", "en": "Value"},
    "col.source": {"fr": "D'où vient ce chiffre", "en": "Where the figure comes from"},
    # -- remarks ---------------------------------------------------------------------------------------
    "remarks.intro": {
        "fr": "À gauche, les phrases qui mettent le client en tort ou le font attendre en vain ; à droite, "
              "celles qui le retiennent. Les deux se travaillent.",
        "en": "On the left, remarks that put the customer in the wrong or leave them waiting; on the right, "
              "those that keep them. Both can be trained.",
    },
    "remarks.no_risks": {"fr": "Aucune remarque à risque sur la période.", "en": "No risky remark in this period."},
    "remarks.no_good": {"fr": "Aucune bonne pratique repérée sur la période.",
                        "en": "No good practice found in this period."},
    "remarks.glossary": {"fr": "Les remarques à risque, et comment les dire autrement",
                         "en": "Risky remarks, and how to say them differently"},
    "remarks.reactions": {"fr": "Ce que les clients ont exprimé", "en": "What customers expressed"},
    # -- worst conversations ----------------------------------------------------------------------------
    "worst.intro": {
        "fr": "Les conversations les moins bien notées. La phrase qui a fait basculer l'échange est surlignée, "
              "avec une formulation sincère qui aurait réglé le problème sans froisser.",
        "en": "The lowest-scored conversations. The remark that turned the conversation is highlighted, with "
              "a sincere wording that would have solved the problem without offending.",
    },
    "worst.conversation": {"fr": "Conversation {id}", "en": "Conversation {id}"},
    "worst.trigger": {"fr": "Remarque déclencheuse", "en": "Triggering remark"},
    "worst.escalated": {"fr": "le client s'est braqué ensuite", "en": "the customer turned hostile after it"},
    "worst.what_happened": {"fr": "Ce qui a fait basculer l'échange", "en": "What turned the conversation"},
    "worst.no_trigger": {
        "fr": "Aucune remarque à risque du conseiller ici : le mécontentement vient d'ailleurs (produit, délai…).",
        "en": "No risky remark from the agent here: the discontent comes from elsewhere (product, delay…).",
    },
    # -- teams -----------------------------------------------------------------------------------------
    "teams.intro": {
        "fr": "Les mêmes indicateurs par équipe et par conseiller, pour cibler l'accompagnement — pas pour "
              "classer. Pour chaque conseiller, « egoscope coach » prépare une fiche personnelle.",
        "en": "The same indicators per team and per agent, to target support — not to rank. For each agent, "
              "“egoscope coach” prepares a personal sheet.",
    },
    "teams.by_team": {"fr": "Par équipe", "en": "By team"},
    "teams.by_agent": {"fr": "Par conseiller", "en": "By agent"},
    "teams.definitions": {
        "fr": "« Excuses quand il le fallait » : part des conversations avec un client mécontent ou une remarque "
              "à risque où le conseiller s'est excusé. « Refus expliqués » : part des refus accompagnés d'une "
              "raison ou d'une autre solution. Le score va de 0 à 100 (100 : rien à reprendre).",
        "en": "“Apologised when needed”: share of conversations with an unhappy customer or a risky remark "
              "where the agent apologised. “Refusals explained”: share of refusals that came with a reason or "
              "another option. The score runs from 0 to 100 (100: nothing to improve).",
    },
    # -- topics ----------------------------------------------------------------------------------------
    "topics.intro": {
        "fr": "Où se concentrent les pertes : chaque sujet avec ce qu'il coûte, les remarques qui y reviennent "
              "et ce que les clients y ressentent. Une conversation peut toucher plusieurs sujets.",
        "en": "Where losses concentrate: each topic with what it costs, the remarks that recur there and how "
              "customers feel about it. A conversation can touch several topics.",
    },
    # -- promises --------------------------------------------------------------------------------------
    "promises.intro": {
        "fr": "Une promesse datée (« remboursé sous 48 h ») rassure — à condition d'être tenue. Un client qui "
              "rappelle pour la même chose est un client qui doute.",
        "en": "A dated promise (“refunded within 48 hours”) reassures — provided it is kept. A customer who "
              "calls back about the same thing is a customer who doubts.",
    },
    "promises.made": {"fr": "Promesses datées", "en": "Dated promises"},
    "promises.kept": {"fr": "Tenues", "en": "Kept"},
    "promises.broken": {"fr": "Non tenues", "en": "Broken"},
    "promises.overdue": {"fr": "En retard", "en": "Overdue"},
    "promises.open": {"fr": "En cours", "en": "Open"},
    "promises.repeats": {"fr": "Recontacts", "en": "Repeat contacts"},
    "promises.repeats.detail.one": {"fr": "{n} conversation", "en": "{n} conversation"},
    "promises.repeats.detail.other": {"fr": "{n} conversations", "en": "{n} conversations"},
    "promises.unkept": {"fr": "Promesses non tenues ou en retard", "en": "Promises broken or overdue"},
    "promises.definitions": {
        "fr": "Non tenue : le client est revenu sur le même sujet après l'échéance. En retard : l'échéance est "
              "passée et le client n'est pas revenu — à vérifier. Recontact : le même client revient sur un "
              "même sujet dans les 7 jours.",
        "en": "Broken: the customer came back on the same topic after the due date. Overdue: the due date has "
              "passed and the customer has not been back — worth checking. Repeat contact: the same customer "
              "comes back on a shared topic within 7 days.",
    },
    # -- cost of ego -------------------------------------------------------------------------------------
    "cost.intro": {
        "fr": "Avoir le dernier mot coûte cher. Une cliente qui dépense 15 € par semaine chez son primeur "
              "représente {example} par an : c'est ce que coûte une seule remarque de trop. Et ce n'est que la "
              "partie visible.",
        "en": "Having the last word is expensive. A customer who spends €15 a week at her greengrocer's is "
              "worth {example} a year: that is what a single remark too many costs. And it is only the "
              "visible part.",
    },
    "cost.total": {"fr": "Revenu annuel en jeu", "en": "Yearly revenue at risk"},
    "cost.total.detail": {"fr": "sur les {n} conversations de la période",
                          "en": "across the {n} conversations of the period"},
    "cost.part.direct": {"fr": "Clients qui partent", "en": "Customers who leave"},
    "cost.part.word_of_mouth": {"fr": "Bouche-à-oreille", "en": "Word of mouth"},
    "cost.part.silent": {"fr": "Départs silencieux", "en": "Silent leavers"},
    "cost.direct.title": {"fr": "Les clients qui partent", "en": "Customers who leave"},
    "cost.direct.body": {
        "fr": "{lost} clients perdus et {at_risk} à risque. Leur valeur annuelle, pondérée par la probabilité "
              "qu'ils partent vraiment, représente {eur}.",
        "en": "{lost} customers lost and {at_risk} at risk. Their yearly value, weighted by the likelihood "
              "that they really leave, comes to {eur}.",
    },
    "cost.wom.title": {"fr": "Le bouche-à-oreille", "en": "Word of mouth"},
    "cost.wom.body": {
        "fr": "Un client mécontent en parle à {per} personnes. Vos {unhappy} clients mécontents ont donc pu "
              "raconter leur expérience à environ {people} personnes ; une petite part d'entre elles n'achètera "
              "pas chez vous : {eur}.",
        "en": "An unhappy customer tells {per} people. Your {unhappy} unhappy customers may have told about "
              "{people} people; a small share of them will not buy from you: {eur}.",
    },
    "cost.silent.title": {"fr": "Les départs silencieux", "en": "Silent leavers"},
    "cost.silent.body": {
        "fr": "{share} des clients qui partent le font sans rien dire : pour un client qui l'annonce, {per} "
              "partent en silence. Ici, {voiced} clients ont dit vouloir partir ; la même phrase maladroite, "
              "entendue dans {risky} conversations, atteint aussi ceux qui ne disent rien : {eur}.",
        "en": "{share} of customers who leave do so without a word: for every customer who says so, {per} "
              "leave silently. Here {voiced} customers said they would leave; the same clumsy remark, heard in "
              "{risky} conversations, also reaches those who say nothing: {eur}.",
    },
    "cost.hidden.title": {"fr": "{share} du coût ne se voit pas.", "en": "{share} of the cost cannot be seen."},
    "cost.hidden.body": {
        "fr": "Le bouche-à-oreille et les départs silencieux n'apparaissent dans aucune réclamation : ils ne "
              "se mesurent qu'en écoutant ce qui a été dit.",
        "en": "Word of mouth and silent leavers show up in no complaint: they can only be measured by "
              "listening to what was said.",
    },
    "cost.assumptions": {"fr": "Les hypothèses de calcul", "en": "How the figures are calculated"},
    "cost.assumptions.intro": {
        "fr": "Chaque montant découle de ces hypothèses, enregistrées au moment de l'import. Elles sont "
              "volontairement prudentes ; ajustez-les à votre activité avec « egoscope import --assumptions ».",
        "en": "Every amount follows from these assumptions, recorded at import time. They are deliberately "
              "cautious; adjust them to your business with “egoscope import --assumptions”.",
    },
    "cost.default_value.one": {
        "fr": "Pour {n} conversation sur {total}, la dépense du client est inconnue : la valeur client par "
              "défaut a été utilisée.",
        "en": "For {n} conversation out of {total} the customer's spend is unknown: the default customer value "
              "was used.",
    },
    "cost.default_value.other": {
        "fr": "Pour {n} conversations sur {total}, la dépense du client est inconnue : la valeur client par "
              "défaut a été utilisée.",
        "en": "For {n} conversations out of {total} the customer's spend is unknown: the default customer "
              "value was used.",
    },
    "cost.assumption_set": {"fr": "Imports n° {runs} ({n} conversations)", "en": "Imports #{runs} ({n} conversations)"},
    "cost.no_assumptions": {"fr": "Aucune hypothèse enregistrée pour ces conversations.",
                            "en": "No assumptions recorded for these conversations."},
    "assumption.loss_probability": {"fr": "Probabilité que le client parte, selon l'issue",
                                    "en": "Likelihood the customer leaves, by outcome"},
    "assumption.loss_probability.source": {
        "fr": "Estimation prudente ; la cliente du primeur qui « ne reviendra pas » (articles 000 et 001).",
        "en": "Cautious estimate; the greengrocer's customer who “won't be back” (articles 000 and 001).",
    },
    "assumption.people_told_per_unhappy_customer": {"fr": "Personnes informées par client mécontent",
                                                    "en": "People told by each unhappy customer"},
    "assumption.people_told_per_unhappy_customer.source": {
        "fr": "« Un client insatisfait en parle au moins à 10 personnes » (article 003).",
        "en": "“An unhappy customer tells at least 10 people” (article 003).",
    },
    "assumption.word_of_mouth_conversion": {"fr": "Part de ces personnes qui n'achèteront pas",
                                            "en": "Share of those people who will not buy"},
    "assumption.word_of_mouth_conversion.source": {"fr": "Hypothèse prudente, pas tirée des articles.",
                                                   "en": "Cautious assumption, not from the articles."},
    "assumption.unhappy_outcomes": {"fr": "Issues qui déclenchent le bouche-à-oreille",
                                    "en": "Outcomes that trigger word of mouth"},
    "assumption.unhappy_outcomes.source": {"fr": "Seuls les clients perdus ou à risque en parlent.",
                                           "en": "Only lost or at-risk customers talk about it."},
    "assumption.silent_leavers_per_voiced": {"fr": "Départs silencieux pour un départ annoncé",
                                             "en": "Silent leavers for each one who speaks up"},
    "assumption.silent_leavers_per_voiced.source": {
        "fr": "60 % des clients qui partent ne se manifestent pas : 0,6 / 0,4 = 1,5 (article 001).",
        "en": "60% of customers who leave never speak up: 0.6 / 0.4 = 1.5 (article 001).",
    },
    "assumption.silent_leavers_weight": {"fr": "Part retenue pour les départs silencieux",
                                         "en": "Share counted for silent leavers"},
    "assumption.silent_leavers_weight.source": {
        "fr": "Compté seulement après une remarque à risque, et réduit pour rester prudent.",
        "en": "Counted only after a risky remark, and scaled down to stay cautious.",
    },
    "assumption.default_annual_value_eur": {"fr": "Valeur annuelle d'un client quand sa dépense est inconnue",
                                            "en": "Yearly value of a customer whose spend is unknown"},
    "assumption.default_annual_value_eur.source": {"fr": "Valeur par défaut, à adapter à votre panier moyen.",
                                                   "en": "Default value, to adapt to your average basket."},
    "assumption.periods_per_year": {"fr": "Périodes par an pour annualiser une dépense",
                                    "en": "Periods per year to annualise a spend"},
    "assumption.periods_per_year.source": {"fr": "15 € par semaine × 52 = 780 € par an (article 000).",
                                           "en": "€15 a week × 52 = €780 a year (article 000)."},
    "assumption.default_visits_per_week": {"fr": "Visites par semaine quand la dépense est « par visite »",
                                           "en": "Visits per week when spend is “per visit”"},
    "assumption.default_visits_per_week.source": {"fr": "Sauf indication contraire dans la fiche client.",
                                                  "en": "Unless the customer record says otherwise."},
    "assumption.currency": {"fr": "Devise", "en": "Currency"},
    "assumption.currency.source": {"fr": "—", "en": "—"},
    "budget.title": {"fr": "Publicité ou relation client ?", "en": "Advertising or customer relationship?"},
    "budget.ratio": {
        "fr": "Vous consacrez {ad} à la publicité et {cr} à la relation client : {ratio} fois plus pour attirer "
              "des clients que pour les garder. En moyenne, les marques dépensent 50 fois plus en publicité.",
        "en": "You spend {ad} on advertising and {cr} on the customer relationship: {ratio} times more to win "
              "customers than to keep them. On average, brands spend 50 times more on advertising.",
    },
    "budget.today": {"fr": "Aujourd'hui", "en": "Today"},
    "budget.after": {"fr": "En déplaçant 20 %", "en": "Moving 20%"},
    "budget.ads": {"fr": "Publicité", "en": "Advertising"},
    "budget.cr": {"fr": "Relation client", "en": "Customer relationship"},
    "budget.move": {
        "fr": "Déplacer 20 % du budget publicitaire, soit {shift}, porterait la relation client à {new_cr} "
              "({growth} fois le budget actuel) ; l'écart tomberait à {new_ratio} pour 1.",
        "en": "Moving 20% of the advertising budget, {shift}, would bring the customer relationship to "
              "{new_cr} ({growth} times today's budget); the gap would fall to {new_ratio} to 1.",
    },
    "budget.compare": {
        "fr": "Pour comparaison, les seules conversations de cette période mettent {risk} de revenu annuel en "
              "jeu, face aux {shift} à déplacer.",
        "en": "For comparison, the conversations of this period alone put {risk} of yearly revenue at risk, "
              "against the {shift} to move.",
    },
    "budget.source": {
        "fr": "Source : « En moyenne, les marques dépensent 50 fois plus pour la pub » et la recommandation de "
              "transférer au moins 20 % du budget pub vers la relation client (article 004).",
        "en": "Source: “On average, brands spend 50 times more on advertising” and the advice to move at least "
              "20% of the advertising budget to the customer relationship (article 004).",
    },
    # -- coaching sheet ------------------------------------------------------------------------------------
    "coach.title": {"fr": "Fiche de progression — {agent}", "en": "Coaching sheet — {agent}"},
    "coach.team": {"fr": "Équipe {team}", "en": "Team {team}"},
    "coach.scope": {"fr": "{conversations} conversations, {replies} réponses",
                    "en": "{conversations} conversations, {replies} replies"},
    "coach.intro": {
        "fr": "Cette fiche est pour vous. Elle reprend vos propres phrases : d'abord ce qui marche déjà, puis "
              "quelques moments où une autre formulation aurait mieux servi le client — et vous. Elle ne vous "
              "compare à personne.",
        "en": "This sheet is for you. It uses your own words: first what already works, then a few moments "
              "where different wording would have served the customer — and you — better. It does not "
              "compare you with anyone.",
    },
    "coach.empty.title": {"fr": "Pas de conversation sur cette période", "en": "No conversations in this period"},
    "coach.empty.body": {"fr": "Choisissez une autre période (--from, --to) pour préparer la fiche.",
                         "en": "Choose another period (--from, --to) to prepare the sheet."},
    "coach.strengths": {"fr": "Ce que vous faites bien", "en": "What you do well"},
    "coach.strengths.intro": {"fr": "Ces réflexes rassurent vos clients. Continuez : ce sont vos points d'appui.",
                              "en": "These habits reassure your customers. Keep them: they are your strengths."},
    "coach.strengths.none": {
        "fr": "Peu de formules repérées sur la période : les pistes ci-dessous sont un bon point de départ.",
        "en": "Few phrases found in this period: the ideas below are a good place to start.",
    },
    "coach.times.one": {"fr": "{n} fois", "en": "{n} time"},
    "coach.times.other": {"fr": "{n} fois", "en": "{n} times"},
    "coach.trend": {"fr": "Votre évolution", "en": "Your trend"},
    "coach.trend.single": {"fr": "Une seule période pour l'instant : la tendance apparaîtra avec le temps.",
                           "en": "Only one period so far: the trend will show over time."},
    "coach.trend.better": {
        "fr": "Bonne progression : vos remarques à risque passent de {before} à {after} pour 100 réponses "
              "entre le début et la fin de la période.",
        "en": "Good progress: your risky remarks went from {before} to {after} per 100 replies between the "
              "start and the end of the period.",
    },
    "coach.trend.worse": {
        "fr": "Ces derniers temps, ces moments reviennent un peu plus souvent ({before} puis {after} pour 100 "
              "réponses) : c'est le bon moment pour s'entraîner sur les pistes ci-dessous.",
        "en": "Lately these moments come back a little more often ({before}, then {after} per 100 replies): "
              "a good time to practise the ideas below.",
    },
    "coach.trend.steady": {"fr": "Stable sur la période : {after} remarques à risque pour 100 réponses.",
                           "en": "Steady over the period: {after} risky remarks per 100 replies."},
    "coach.chart.title": {"fr": "Vos bonnes pratiques et vos remarques à risque, période par période",
                          "en": "Your good practices and risky remarks, period by period"},
    "coach.chart.good": {"fr": "Bonnes pratiques", "en": "Good practices"},
    "coach.chart.risks": {"fr": "Remarques à risque", "en": "Risky remarks"},
    "coach.moments": {"fr": "Les moments à retravailler", "en": "Moments to rework"},
    "coach.moments.intro": {
        "fr": "Ces phrases partent souvent d'une bonne intention. Le client, lui, entend autre chose : voici "
              "vos mots, et une façon de dire la même chose sans le froisser.",
        "en": "These remarks often come from good intentions. The customer hears something else: here are "
              "your words, and a way to say the same thing without offending.",
    },
    "coach.moments.none": {"fr": "Aucune remarque à risque sur la période : bravo.",
                           "en": "No risky remark in this period: well done."},
    "coach.you_said": {"fr": "Vos mots", "en": "Your words"},
    "coach.try": {"fr": "Essayez plutôt", "en": "Try instead"},
    "coach.practice": {"fr": "Trois choses à pratiquer", "en": "Three things to practise"},
    "coach.exercise.risk": {"fr": "Reformuler : {label}", "en": "Rephrase: {label}"},
    "coach.exercise.good": {"fr": "Renforcer : {label}", "en": "Build on: {label}"},
    "coach.exercise.instead": {"fr": "Quand vous sentez venir {said}, dites plutôt :",
                               "en": "When you feel {said} coming, say instead:"},
    "coach.footer": {"fr": "Fiche personnelle, à utiliser en entretien de coaching",
                     "en": "Personal sheet, for a coaching conversation"},
}
