// Templates for demo activities: realistic Dutch titles and descriptions per theme ("{wijk}" becomes a neighbourhood name).
import type { ActivityKind, Daypart, HowToJoin } from './types.ts';

export interface DemoTemplate {
  title: string;
  description: string;
  kind?: ActivityKind;
  join: HowToJoin;
  targetGroups: string[];
  daypart: Daypart;
  minutes: number;
  sensitive?: boolean;
  paid?: boolean;
}

export const demoTemplates: Record<string, DemoTemplate[]> = {
  'redzaam-in-en-om-het-huis': [
    { title: 'Inloopspreekuur Wijkloket {wijk}', description: 'Vragen over zorg, wonen, vervoer of formulieren? Kom langs bij het wijkloket. Wij denken met u mee en zoeken samen de weg naar de juiste hulp.', kind: 'service', join: 'walk-in', targetGroups: ['iedereen', 'ouderen'], daypart: 'ochtend', minutes: 120 },
    { title: 'Klussendienst {wijk}', description: 'Vrijwilligers helpen met kleine klussen in en om het huis: een lamp ophangen, een kraan vervangen of de tuin opruimen. Zo kunt u langer zelfstandig thuis wonen.', kind: 'service', join: 'sign-up', targetGroups: ['ouderen', 'beperking'], daypart: 'middag', minutes: 180 },
    { title: 'Digitaal Café {wijk}', description: 'Hulp bij uw telefoon, tablet of computer. Leer veilig internetbankieren, DigiD gebruiken of videobellen met de kleinkinderen.', join: 'walk-in', targetGroups: ['ouderen', 'laaggeletterden'], daypart: 'ochtend', minutes: 120 },
    { title: 'Vervoer op maat: vrijwillige chauffeurs', description: 'Vrijwillige chauffeurs brengen u naar de huisarts, het ziekenhuis of de markt. Bel een dag van tevoren.', kind: 'service', join: 'sign-up', targetGroups: ['ouderen', 'beperking'], daypart: 'ochtend', minutes: 240, paid: true },
    { title: 'Steunpunt huiselijk geweld – inloop', description: 'Een veilige plek om te praten over spanningen of geweld thuis. Anoniem als u dat wilt. Wij luisteren en zoeken samen naar hulp.', kind: 'service', join: 'walk-in', targetGroups: ['volwassenen', 'ouders'], daypart: 'middag', minutes: 120, sensitive: true },
    { title: 'Formulierenhulp {wijk}', description: 'Moeite met brieven of formulieren van de gemeente, de Belastingdienst of de zorgverzekeraar? Een vrijwilliger helpt u.', kind: 'service', join: 'walk-in', targetGroups: ['laaggeletterden', 'nieuwkomers'], daypart: 'middag', minutes: 120 },
  ],
  'waardevol-werk': [
    { title: 'Werkcafé {wijk}', description: 'Op zoek naar werk, vrijwilligerswerk of een opleiding? In het werkcafé helpen we met uw cv, sollicitatiebrieven en het zoeken naar vacatures.', join: 'walk-in', targetGroups: ['werkzoekenden', 'nieuwkomers'], daypart: 'ochtend', minutes: 150 },
    { title: 'Talentenatelier', description: 'Ontdek wat u goed kunt en wat u graag doet. In kleine groepen werken we aan zelfvertrouwen en aan de stap naar werk of dagbesteding.', join: 'referral', targetGroups: ['werkzoekenden', 'psychische-klachten'], daypart: 'middag', minutes: 180 },
    { title: 'Repair Café {wijk}', description: 'Samen kapotte spullen repareren: fietsen, kleding, lampen en apparaten. Vrijwilligers delen hun kennis; u leert zelf mee.', join: 'walk-in', targetGroups: ['iedereen', 'vrijwilligers'], daypart: 'middag', minutes: 180 },
    { title: 'Dagbesteding De Werkplaats', description: 'Zinvol bezig zijn in de houtwerkplaats en de buurtwinkel, met begeleiding. Een plek om ritme en contacten op te bouwen.', join: 'referral', targetGroups: ['beperking', 'psychische-klachten'], daypart: 'ochtend', minutes: 300 },
    { title: 'Vrijwilligersvacaturebank spreekuur', description: 'Wilt u iets betekenen voor een ander? Wij zoeken samen met u vrijwilligerswerk dat bij u past, in uw eigen wijk.', kind: 'service', join: 'walk-in', targetGroups: ['vrijwilligers', 'volwassenen'], daypart: 'middag', minutes: 120 },
    { title: 'Taalmaatjes op het werk', description: 'Oefen Nederlands dat u nodig heeft op uw werk of stage, samen met een vrijwillige taalmaatje.', join: 'sign-up', targetGroups: ['nieuwkomers', 'laaggeletterden'], daypart: 'avond', minutes: 90 },
  ],
  'financien-op-orde': [
    { title: 'Schuldhulp spreekuur {wijk}', description: 'Geldzorgen of schulden? Kom langs bij het spreekuur. Wij kijken samen naar uw situatie en helpen met een plan, zonder oordeel.', kind: 'service', join: 'walk-in', targetGroups: ['geldzorgen'], daypart: 'ochtend', minutes: 120 },
    { title: 'Thuisadministratie met een maatje', description: 'Een getrainde vrijwilliger helpt u thuis om uw post en administratie op orde te krijgen en te houden.', kind: 'service', join: 'sign-up', targetGroups: ['geldzorgen', 'ouderen'], daypart: 'middag', minutes: 90 },
    { title: 'Cursus Rondkomen met je geld', description: 'In vier bijeenkomsten leert u een budget maken, besparen op vaste lasten en regelingen aanvragen zoals de pas van de gemeente.', join: 'sign-up', targetGroups: ['geldzorgen', 'volwassenen'], daypart: 'avond', minutes: 120 },
    { title: 'Belastingspreekuur', description: 'Hulp bij uw belastingaangifte en het aanvragen van toeslagen. Neem uw DigiD en papieren mee.', kind: 'service', join: 'sign-up', targetGroups: ['geldzorgen', 'ouderen', 'nieuwkomers'], daypart: 'ochtend', minutes: 180 },
    { title: 'Geldcafé voor jongeren', description: 'Jongeren tussen 16 en 27 leren hoe ze grip houden op hun geld: eerste baan, zorgverzekering, studieschuld.', join: 'walk-in', targetGroups: ['jongeren', 'geldzorgen'], daypart: 'avond', minutes: 120 },
  ],
  'opvoeden-en-opgroeien': [
    { title: 'Opvoedspreekuur {wijk}', description: 'Vragen over slapen, eten, driftbuien of puberteit? Een opvoedadviseur denkt met u mee. Kinderen zijn welkom.', kind: 'service', join: 'walk-in', targetGroups: ['ouders'], daypart: 'ochtend', minutes: 120 },
    { title: 'Peuterspeelochtend', description: 'Spelen, zingen en voorlezen met peuters, terwijl ouders elkaar ontmoeten bij een kop koffie.', join: 'walk-in', targetGroups: ['ouders', 'kinderen'], daypart: 'ochtend', minutes: 90 },
    { title: 'Huiswerkklas {wijk}', description: 'Kinderen uit groep 6 tot en met de brugklas maken hun huiswerk met hulp van vrijwilligers. Er is ook ruimte om te leren plannen.', join: 'sign-up', targetGroups: ['kinderen', 'jongeren'], daypart: 'middag', minutes: 120 },
    { title: 'Jongerenavond in het buurthuis', description: 'Chillen, gamen, koken en praten met jongerenwerkers. Heb je een idee voor de wijk? Samen maken we het waar.', join: 'walk-in', targetGroups: ['jongeren'], daypart: 'avond', minutes: 180 },
    { title: 'Speeltuinmiddag {wijk}', description: 'Buitenspelen met activiteiten voor kinderen van 4 tot 12 jaar, begeleid door vrijwilligers van de speeltuinvereniging.', join: 'walk-in', targetGroups: ['kinderen', 'ouders'], daypart: 'middag', minutes: 150 },
    { title: 'Moedergroep: samen sterk', description: 'Moeders ontmoeten elkaar, delen ervaringen over opvoeden in twee culturen en krijgen tips van een opvoedadviseur.', join: 'walk-in', targetGroups: ['ouders', 'nieuwkomers'], daypart: 'ochtend', minutes: 120 },
  ],
  ontmoeten: [
    { title: 'Koffieochtend in de {wijk}', description: 'Elke week koffie en een praatje met buren. Gewoon binnenlopen: er is altijd iemand om mee te praten. Ontmoeting en gezelligheid staan voorop.', join: 'walk-in', targetGroups: ['iedereen', 'ouderen', 'eenzaamheid'], daypart: 'ochtend', minutes: 120 },
    { title: 'Taalcafé {wijk}', description: 'Oefen Nederlands in een ontspannen sfeer. Vrijwilligers en buurtbewoners praten met u over alledaagse onderwerpen. Een fijne ontmoeting voor iedereen.', join: 'walk-in', targetGroups: ['nieuwkomers', 'laaggeletterden'], daypart: 'middag', minutes: 90 },
    { title: 'Buurtmaaltijd {wijk}', description: 'Samen koken en samen eten voor een kleine prijs. Ontmoet uw buren aan een gedekte tafel.', join: 'sign-up', targetGroups: ['iedereen', 'eenzaamheid', 'ouderen'], daypart: 'avond', minutes: 150, paid: true },
    { title: 'Buurtmoestuin {wijk}', description: 'Samen zaaien, wieden en oogsten in de buurtmoestuin. Geen ervaring nodig; de oogst delen we met elkaar.', join: 'walk-in', targetGroups: ['iedereen', 'volwassenen'], daypart: 'middag', minutes: 150 },
    { title: 'Spelletjesmiddag', description: 'Klaverjassen, rummikub, sjoelen of een potje schaak. Een gezellige middag met ontmoetingen in de wijk.', join: 'walk-in', targetGroups: ['ouderen', 'eenzaamheid'], daypart: 'middag', minutes: 150 },
    { title: 'Wandelgroep {wijk}', description: 'Samen een uur wandelen door de wijk en het park, in een rustig tempo. Na afloop drinken we samen koffie.', join: 'walk-in', targetGroups: ['iedereen', 'ouderen'], daypart: 'ochtend', minutes: 90 },
    { title: 'Bewonersavond {wijk}', description: 'Wat speelt er in de wijk en wat wilt u samen met buren oppakken? Bewoners, de wijkraad en de gebiedsverbinder denken mee.', join: 'walk-in', targetGroups: ['iedereen'], daypart: 'avond', minutes: 120 },
  ],
  'gezonde-leefstijl': [
    { title: 'Stoelyoga voor senioren', description: 'Rustige yoga-oefeningen op een stoel, goed voor balans en soepelheid. Geschikt voor iedereen, ook met beperkingen.', join: 'walk-in', targetGroups: ['ouderen', 'beperking'], daypart: 'ochtend', minutes: 60, paid: true },
    { title: 'Samen Fit in de {wijk}', description: 'Bewegen in de buitenlucht met een sportcoach: wandelen, oefeningen en spelletjes. Op uw eigen niveau.', join: 'walk-in', targetGroups: ['volwassenen', 'ouderen'], daypart: 'ochtend', minutes: 60 },
    { title: 'Gezond koken met weinig geld', description: 'Leer gezonde, betaalbare maaltijden koken met seizoensgroenten. We eten na afloop samen.', join: 'sign-up', targetGroups: ['geldzorgen', 'ouders'], daypart: 'middag', minutes: 150, paid: true },
    { title: 'Beweegmaatjes', description: 'Een vrijwilliger komt bij u langs om samen te wandelen of te fietsen. Voor wie alleen niet zo makkelijk in beweging komt.', kind: 'service', join: 'sign-up', targetGroups: ['ouderen', 'eenzaamheid'], daypart: 'middag', minutes: 60 },
    { title: 'Zwemmen voor vrouwen', description: 'Zwemuur alleen voor vrouwen, met een vrouwelijke badmeester. Ook om te leren zwemmen.', join: 'walk-in', targetGroups: ['volwassenen', 'nieuwkomers'], daypart: 'avond', minutes: 60, paid: true },
    { title: 'Stoppen met roken – groep', description: 'Samen met anderen stoppen met roken, met begeleiding van een coach van de GGD.', join: 'sign-up', targetGroups: ['volwassenen'], daypart: 'avond', minutes: 90 },
  ],
  'vrijwillige-inzet-en-mantelzorg': [
    { title: 'Mantelzorgcafé {wijk}', description: 'Zorgt u voor een naaste? In het mantelzorgcafé ontmoet u andere mantelzorgers, deelt u ervaringen en krijgt u informatie over ondersteuning.', join: 'walk-in', targetGroups: ['mantelzorgers'], daypart: 'middag', minutes: 120 },
    { title: 'Respijtzorg: even ertussenuit', description: 'Een vrijwilliger neemt de zorg even van u over, zodat u tijd heeft voor uzelf.', kind: 'service', join: 'sign-up', targetGroups: ['mantelzorgers'], daypart: 'middag', minutes: 180 },
    { title: 'Informatieavond vrijwilligerswerk', description: 'Maak kennis met organisaties in de wijk die vrijwilligers zoeken, van de voedselbank tot de speeltuin.', join: 'walk-in', targetGroups: ['vrijwilligers', 'iedereen'], daypart: 'avond', minutes: 90 },
    { title: 'Training voor nieuwe vrijwilligers', description: 'Praktische training: in gesprek gaan met bewoners, grenzen aangeven en signalen herkennen.', join: 'sign-up', targetGroups: ['vrijwilligers'], daypart: 'avond', minutes: 150 },
    { title: 'Jonge mantelzorgers: de Ontmoetingsclub', description: 'Voor jongeren die thuis zorgen voor een ouder, broer of zus. Samen iets leuks doen en even geen zorgen.', join: 'walk-in', targetGroups: ['jongeren', 'mantelzorgers'], daypart: 'middag', minutes: 120 },
    { title: 'Burenhulp {wijk}', description: 'Buren helpen buren: boodschappen, een klusje of een bezoekje. Vraag hulp of bied hulp aan.', kind: 'service', join: 'walk-in', targetGroups: ['iedereen', 'vrijwilligers', 'eenzaamheid'], daypart: 'ochtend', minutes: 120 },
  ],
};
