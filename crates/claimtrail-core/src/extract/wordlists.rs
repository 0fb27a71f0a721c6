//! The word lists behind [`super::lexicon`], as whitespace-separated strings (`_` stands for a space inside
//! a multi-word name). General English news vocabulary and a small generic gazetteer, not tuned to any
//! article.

/// Verbs that always report speech or writing ("said", "told", "insisted").
pub(crate) const SPEECH_STRONG: &str = "retorted scoffed texted emailed mused recounted opined reasoned interjected exclaimed shouted yelled said says say told tells tell argue insist warn deny stated claimed claims argued argues insisted insists warned warns wrote writes \
 tweeted tweets added adds noted notes explained explains acknowledged acknowledges denied denies \
 asserted asserts alleged alleges contended contends testified conceded concedes admitted admits \
 stressed stresses emphasized emphasised recalled replied responded countered remarked reported \
 reports reiterated complained asked asks answered joked quipped boasted bragged \
 lamented cautioned reads posted predicted predicts promised vowed pledged";

/// Verbs that report speech only before "that", a colon or a quotation ("announced", "found").
pub(crate) const SPEECH_WEAK: &str = "charged disputed disputes rejected urged demanded criticized criticised blasted slammed praised called described declared declares confirmed confirms announced announces found finds showed shows concluded concludes estimated estimates continued read \
    maintained maintains suggested suggests indicated indicates revealed believes believed thinks states \
    observed disclosed dismissed denounced blamed accused pointed clarified characterized characterised pressured implored";

/// Verbs reporting that something happened.
pub(crate) const EVENT: &str = "met meets signed signs killed kills voted votes announced attacked arrested elected won lost fired \
    resigned launched passed approved rejected died visited agreed appointed nominated confirmed sued \
    charged indicted convicted sentenced pleaded invaded bombed struck captured seized released freed opened \
    closed banned blocked ruled overturned vetoed enacted introduced filed raised cut increased decreased \
    rose fell dropped doubled tripled defeated withdrew deployed imposed lifted ordered issued held hosted \
    spoke traveled travelled arrived left shot injured wounded destroyed collapsed exploded crashed joined \
    founded acquired bought sold paid spent received awarded hired suspended expelled deported detained \
    fined investigated subpoenaed testified endorsed declined refused reached completed ended began started \
    discussed implemented resulted helped led happened occurred took gave sent called named announces \
    dismissed returned";

/// Capitalised titles and honorifics that precede a name.
pub(crate) const TITLE: &str = "Executive Transport Transportation Education Agriculture Commerce Environment Culture Economy Housing Immigration Communications Development Industry Tourism Veterans Navy Army Adviser Advisor Counselor Administrator Secretary-General Congressmember Councilman Councilwoman Governor-elect President-elect President Presidents Vice Secretary Senator Sen. Sens. Representative Rep. Reps. Congressman \
    Congresswoman Governor Gov. Lt. Mayor Minister Prime Chancellor King Queen Prince Princess Pope Judge \
    Justice Chief General Gen. Col. Colonel Maj. Capt. Captain Adm. Admiral Sgt. Sergeant Lieutenant \
    Commander Cmdr. Mr. Mrs. Ms. Miss Mx. Dr. Prof. Professor Rev. Reverend Speaker Leader Attorney \
    Ambassador Chairman Chairwoman Chair Director Commissioner Sheriff Deputy Assistant Spokesman \
    Spokeswoman Spokesperson Former Sir Dame Lord Lady Sheikh Rabbi Bishop Cardinal Archbishop Ayatollah \
    Emir Sultan Premier Treasurer Inspector Detective Officer Agent Majority Minority Whip Gens. Retired \
    Ret. Acting Interim First Crown Senior Sec. Supt. Det. Insp. Atty. Amb. Hon. Pres. Messrs. Foreign \
    Defense Defence Finance Interior Health Labor Labour Energy Treasury Trade Homeland Security Press \
    Special Counsel Solicitor Mufti";

/// Lower-cased words that typically open a sentence (not names when capitalised there).
pub(crate) const OPENER: &str = "the a an he she it they we i you his her its their our my your this that these those there here but and \
    or so yet in on at for of to from with by as after before when while if although though because since \
    meanwhile however still now then earlier later last next according asked during despite under over about \
    among amid without within instead also many some most more both all each every no not one two three \
    other others another such what who why how where which certainly indeed already even only just perhaps \
    maybe nor until unless whether once again today yesterday tomorrow officials critics describing speaking \
    saying calling citing noting adding unlike like through throughout against behind above below beyond \
    thus therefore moreover furthermore additionally separately similarly ultimately finally first second \
    third overall currently recently previously initially afterward afterwards otherwise nevertheless \
    nonetheless clearly obviously apparently reportedly notably unfortunately fortunately regardless rather \
    everyone nobody someone anyone nothing something everything people we're we’re it's it’s i'm i’m that's \
    that’s there's there’s he's he’s she's she’s let please yes well oh thank thanks dear hello hi \
    absolutely whatever whoever altogether together almost nearly except any much few several neither either \
    whose mostly partly";

/// Lower-case words that cannot sit inside a speaker noun phrase.
pub(crate) const BREAKS: &str = "something anything everything nothing whatever that which who whom whose when where while if because after before as since although though and but or \
    nor so than is was are were be been being to in on at for with from by about into over under during \
    until what how why not also it then once did does do can could would should will may might must asked \
    even only just yet still said says told meanwhile however instead has have had like unlike whether \
    unless let against";

/// Adverbs and auxiliaries that may sit between a subject and its speech verb.
pub(crate) const FILLER: &str = "now later also previously earlier then again repeatedly recently once first reportedly publicly privately \
    quickly flatly has have had long often frequently subsequently initially separately similarly simply \
    just had, openly himself herself themselves itself angrily bluntly candidly emphatically firmly frankly \
    loudly quietly softly confidently proudly plainly directly finally still yesterday today tonight \
    personally formally officially already even never always consistently explicitly specifically ultimately";

/// Determiners that open a noun phrase.
pub(crate) const DETERMINER: &str = "the a an this these those his her their its our another one two three four several some many most \
    other both each every no few various numerous multiple";

/// Singular head nouns that denote a person or a group of people.
pub(crate) const PERSON_NOUN: &str = "official spokesman spokeswoman spokesperson aide adviser advisor source diplomat lawmaker analyst expert \
    witness resident officer lawyer attorney prosecutor investigator economist scientist researcher \
    candidate activist critic supporter member leader worker voter journalist reporter doctor nurse teacher \
    student executive negotiator representative minister envoy commander soldier protester organizer \
    organiser manager owner founder host man woman people person colleague friend father mother son daughter \
    wife husband brother sister chief head agent pastor priest governor senator congressman congresswoman \
    delegate staffer strategist pollster operative veteran victim survivor citizen farmer employee banker \
    trader investor partner insider judge justice mayor director administrator secretary counsel deputy \
    assistant chairman chairwoman president ceo boss coach player";

/// Countries, regions, US states and a few capitals and large cities.
pub(crate) const PLACE: &str = "Ala. Ariz. Ark. Calif. Colo. Conn. Fla. Ga. Ill. Ind. Kan. Ky. La. Md. Mass. Mich. Minn. Mo. Mont. Neb. Nev. N.H. N.J. N.M. N.Y. N.C. N.D. Okla. Ore. Pa. R.I. S.C. S.D. Tenn. Tex. Vt. Va. Wash. W.Va. Wis. Wyo. D.C. \
    Afghanistan Albania Algeria Angola Argentina Armenia Australia Austria Azerbaijan Bahrain Bangladesh \
    Belarus Belgium Bolivia Bosnia Brazil Bulgaria Burma Cambodia Cameroon Canada Chad Chile China Colombia \
    Congo Croatia Cuba Cyprus Czech_Republic Czechia Denmark Ecuador Egypt Eritrea Estonia Ethiopia Finland \
    France Georgia Germany Ghana Greece Guatemala Haiti Honduras Hungary Iceland India Indonesia Iran Iraq \
    Ireland Israel Italy Jamaica Japan Jordan Kazakhstan Kenya Kosovo Kuwait Laos Latvia Lebanon Libya \
    Lithuania Malaysia Mali Mexico Moldova Mongolia Morocco Mozambique Myanmar Nepal Netherlands New_Zealand \
    Nicaragua Niger Nigeria North_Korea Norway Oman Pakistan Palestine Panama Paraguay Peru Philippines \
    Poland Portugal Qatar Romania Russia Rwanda Saudi_Arabia Senegal Serbia Singapore Slovakia Slovenia \
    Somalia South_Africa South_Korea South_Sudan Spain Sri_Lanka Sudan Sweden Switzerland Syria Taiwan \
    Tajikistan Tanzania Thailand Tunisia Turkey Turkmenistan Uganda Ukraine United_Arab_Emirates \
    United_Kingdom United_States United_States_of_America America Uruguay Uzbekistan Venezuela Vietnam Yemen \
    Zambia Zimbabwe Britain Great_Britain England Scotland Wales Northern_Ireland Europe Asia Africa \
    Latin_America Middle_East Gaza West_Bank Crimea Hong_Kong Korea Alabama Alaska Arizona Arkansas \
    California Colorado Connecticut Delaware Florida Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky \
    Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada \
    New_Hampshire New_Jersey New_Mexico New_York North_Carolina North_Dakota Ohio Oklahoma Oregon \
    Pennsylvania Rhode_Island South_Carolina South_Dakota Tennessee Texas Utah Vermont Virginia Washington \
    West_Virginia Wisconsin Wyoming D.C. Washington,_D.C. U.S. US USA U.S.A. U.K. UK UAE London Paris Moscow \
    Beijing Tokyo Berlin Brussels Jerusalem Kiev Kyiv Damascus Baghdad Tehran Kabul Cairo Pyongyang Seoul \
    Ottawa Geneva Chicago Los_Angeles San_Francisco Boston Miami Houston Dallas Atlanta Philadelphia Detroit \
    Seattle Denver Phoenix Benghazi";

/// Nationality, regional, religious and party adjectives: modifiers, not names.
pub(crate) const DEMONYM: &str = "American Americans Russian Russians Chinese British French German Germans Mexican Mexicans Canadian \
    Japanese Korean Indian Iranian Iraqi Syrian Israeli Palestinian Saudi Turkish Ukrainian Italian Spanish \
    Egyptian Afghan Pakistani Vietnamese Brazilian Cuban Venezuelan European Asian African Arab Latino \
    Latina Hispanic Hispanics Western Eastern Northern Southern Australian Dutch Swedish Polish Greek Irish \
    Scottish Welsh English Libyan Lebanese Jordanian Qatari Yemeni Nigerian Kenyan Ethiopian Filipino Thai \
    Indonesian Malaysian Taiwanese Belarusian Georgian Armenian Kurdish Sunni Shiite Muslim Muslims \
    Christian Christians Jewish Catholic Soviet Colombian Argentine Chilean Peruvian Haitian Norwegian \
    Danish Finnish Swiss Austrian Belgian Hungarian Romanian Serbian Croatian North South East West Central \
    Pacific Atlantic Democrat Democrats Republican Republicans Conservative Liberal Progressive";

/// Words that make a capitalised sequence an organisation.
pub(crate) const ORG_CUE: &str = "Conference Examiner Star Globe Chronicle Observer Guardian Telegraph Inquirer Dispatch Courier Ledger Bulletin Register Monitor Mirror Express Reporter S.A. SA AG GmbH PLC plc N.V. NV LLP Ltd. Limited Department Ministry House Senate Congress Committee Council Party Agency Administration Bureau Office \
    Commission Court Association Union University College Institute Foundation Corporation Company Corp. \
    Inc. Co. Ltd Ltd. LLC Group Bank Fund Federation Organization Organisation Forces Force Army Navy Police \
    Guard Network News Times Post Journal Magazine Television Radio Campaign Church Museum Hospital Board \
    Authority Service Services Reserve Caucus Assembly Parliament Cabinet Coalition Alliance Front Movement \
    Brotherhood Club League Cooperation Secretariat Pentagon Kremlin Inc Corp Industries Airlines Motors \
    Technologies Systems Partners Holdings Press Tribune Herald Gazette Daily Broadcasting Channel \
    Institution School Academy Center Centre Legislature GOP Command Corps Marines Treasury Intelligence \
    Watch Society Trust Initiative Project Program Programme";

/// Words that make a capitalised sequence a place.
pub(crate) const PLACE_CUE: &str = "City County Province Island Islands River Sea Ocean Lake Bay Gulf Valley Mountains Mountain Street \
    Avenue Square Airport Beach Peninsula Strait Canal Heights Region Desert Coast Harbor Harbour Hills \
    District Borough Township Village Park Road Boulevard Plaza Bridge Port Territory Territories Republic \
    Kingdom Emirates States";

/// Capitalised words that are calendar words or the pronoun "I", never names.
pub(crate) const CALENDAR: &str = "TV CEO CFO COO AM PM GDP LOL Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July \
    August September October November December Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec. \
    I I'm I’m I've I’ve I'd I’d I'll I’ll OK Mondays Sundays Christmas Easter Thanksgiving";

/// Month names and abbreviations.
pub(crate) const MONTH: &str = "January February March April May June July August September October November December Jan. Feb. Mar. \
    Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec.";

/// Day names.
pub(crate) const WEEKDAY: &str = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday";

/// Number words that make a strong figure (amounts, percentages).
pub(crate) const NUM_STRONG: &str =
    "million millions billion billions trillion trillions percent percentage";

/// Number words that make a count.
pub(crate) const NUM_COUNT: &str = "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty sixty \
    seventy eighty ninety hundred hundreds thousand thousands dozen dozens twice half doubled tripled \
    quadrupled halved";

/// Comparatives, superlatives and words of change or record.
pub(crate) const COMPARATIVE: &str = "more less fewer most least than largest biggest highest lowest smallest greatest worst best only record \
    increase increased decrease decreased rose fell dropped surged plunged grew declined higher lower larger \
    bigger smaller greater worse better first never ever all-time unprecedented majority minority average \
    firmest";

/// Words ending in "-est" that are not superlatives.
pub(crate) const NOT_SUPERLATIVE: &str = "est interest protest request suggest arrest contest harvest manifest conquest inquest honest modest \
    latest longest";

/// Opinion and mood words.
pub(crate) const SUBJECTIVE: &str = "think thinks believe believes feel feels felt feeling seem seems seemed wish love loved hate hated good \
    great bad terrible horrible wonderful amazing fantastic beautiful crazy stupid nice incredible awful sad \
    disgusting ridiculous outrageous disgraceful shameful unfair wrong should ought looked look looks smiled \
    smiling smile laughed laughing laughter grinned cheerful comfortable relaxed tense friendly warm awkward \
    happy unhappy angry upset nervous excited calm mood atmosphere hugged embraced chatted optimistic \
    pessimistic hopeful proud glad pleased disappointed egocentric terrific";

/// Future, hedged or conditional wording.
pub(crate) const HEDGE: &str = "will would could may might gonna plans plan planned expect expects expected hope hopes hoped likely \
    unlikely possibly perhaps probably maybe potentially if whether aim aims intend intends want wants \
    testing going 'll ’ll soon future";

/// Prepositions: a noun phrase right after one is an object, not a subject.
pub(crate) const PREP: &str = "in on at for with from by about into over under during until near across within without \
    through throughout toward towards around behind beyond among between against along via upon after before since \
    amid despite per onto off inside outside";

/// Time words that can sit between a subject and its verb ("who a week ago said") and are never speakers.
pub(crate) const TEMPORAL: &str = "afterward afterwards meanwhile ago week weeks month months year years day days time times morning afternoon evening \
    night weekend today tonight yesterday now recently earlier later then once";

/// Head nouns of documents and statements that can "say" something (antecedents of "it").
pub(crate) const DOCUMENT: &str = "statement report letter memo memorandum cable email e-mail tweet post poll survey study \
    document lawsuit complaint filing indictment bill ad advertisement release transcript website site book article \
    paper editorial analysis review audit order ruling decision resolution agreement plan proposal budget assessment \
    announcement notice guidance policy motion brief message note draft summary text video";

/// Verbs of saying that are also common plural nouns ("media reports", "false claims").
pub(crate) const NOUN_VERB: &str =
    "reports claims notes tweets posts states reads shows finds answers charges";

/// Head nouns of organisations ("the company said" refers to the last organisation named).
pub(crate) const ORG_NOUN: &str = "company firm agency department ministry government group organization organisation \
    union party committee campaign network newspaper magazine outlet operator utility bank council board court \
    commission administration office bureau authority institute university school hospital airline carrier \
    manufacturer retailer maker giant provider station team club league corporation conglomerate startup \
    watchdog regulator charity foundation association coalition alliance";

/// Title words that only modify the title that follows ("Vice", "Former", "Defense" in "Defense Secretary").
pub(crate) const TITLE_MODIFIER: &str = "Prime Deputy Assistant Lieutenant Lt. Transport Transportation Education Agriculture Commerce Environment Culture Economy Housing Immigration Communications Development Industry Tourism Veterans Navy Army Acting Interim First Crown Senior Foreign Defence Finance Interior Health Labor Labour Energy Treasury Trade Homeland Security Press Special  Majority Minority Retired Ret. Attorney Solicitor Vice Former Defense";

/// Participles of saying that attribute a clause to the subject of the main clause (", saying ...").
pub(crate) const PARTICIPLE: &str = "saying adding noting telling writing arguing insisting warning claiming explaining \
    stating declaring asserting tweeting responding acknowledging conceding suggesting predicting promising vowing \
    calling accusing";
