//! Closed word classes used by the rules: speech and event verbs, titles, abbreviations, cue words and a small
//! generic gazetteer. Everything here is general English news vocabulary, not tuned to any one article.
//!
//! All functions take the word as written and are case-sensitive unless they say otherwise: verbs and function
//! words are matched in lower case (callers lower-case sentence-initial words when needed), names and cue words
//! in their capitalised form.

/// How strongly a verb marks its subject as the source of what follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SpeechVerb {
    /// Always a report of speech or writing ("said", "told", "insisted").
    Strong,
    /// Only a report when followed by "that", a colon or a quotation ("announced", "found", "continued").
    Weak,
}

/// Classifies a lower-case word as a verb of saying.
pub(crate) fn speech_verb(w: &str) -> Option<SpeechVerb> {
    use SpeechVerb::*;
    Some(match w {
        "said" | "says" | "say" | "told" | "tells" | "stated" | "claimed" | "claims" | "argued" | "argues"
        | "insisted" | "insists" | "warned" | "warns" | "wrote" | "writes" | "tweeted" | "tweets" | "added"
        | "adds" | "noted" | "notes" | "explained" | "explains" | "acknowledged" | "acknowledges" | "denied"
        | "denies" | "asserted" | "asserts" | "alleged" | "alleges" | "contended" | "contends" | "testified"
        | "conceded" | "concedes" | "admitted" | "admits" | "declared" | "declares" | "stressed" | "stresses"
        | "emphasized" | "emphasised" | "recalled" | "replied" | "responded" | "countered" | "remarked"
        | "reported" | "reports" | "confirmed" | "confirms" | "reiterated" | "complained" | "asked" | "asks"
        | "answered" | "joked" | "quipped" | "boasted" | "bragged" | "lamented" | "cautioned"
        | "reads" | "posted" | "predicted" | "predicts" | "promised" | "vowed" | "pledged" => Strong,
        "announced" | "announces" | "found" | "finds" | "showed" | "shows" | "concluded" | "concludes"
        | "estimated" | "estimates" | "continued" | "read" | "maintained" | "maintains" | "suggested"
        | "suggests" | "indicated" | "indicates" | "revealed" | "believes" | "believed" | "thinks" | "states"
        | "observed" | "disclosed" => Weak,
        _ => return None,
    })
}

/// Past-tense (or present) verbs reporting that something happened.
pub(crate) fn is_event_verb(w: &str) -> bool {
    matches!(
        w,
        "met" | "meets" | "signed" | "signs" | "killed" | "kills" | "voted" | "votes" | "announced" | "attacked"
            | "arrested" | "elected" | "won" | "lost" | "fired" | "resigned" | "launched" | "passed" | "approved"
            | "rejected" | "died" | "visited" | "agreed" | "appointed" | "nominated" | "confirmed" | "sued"
            | "charged" | "indicted" | "convicted" | "sentenced" | "pleaded" | "invaded" | "bombed" | "struck"
            | "captured" | "seized" | "released" | "freed" | "opened" | "closed" | "banned" | "blocked"
            | "ruled" | "overturned" | "vetoed" | "enacted" | "introduced" | "filed" | "raised" | "cut"
            | "increased" | "decreased" | "rose" | "fell" | "dropped" | "doubled" | "tripled" | "defeated"
            | "withdrew" | "deployed" | "imposed" | "lifted" | "ordered" | "issued" | "held" | "hosted"
            | "spoke" | "traveled" | "travelled" | "arrived" | "left" | "shot" | "injured" | "wounded"
            | "destroyed" | "collapsed" | "exploded" | "crashed" | "joined" | "founded" | "acquired"
            | "bought" | "sold" | "paid" | "spent" | "received" | "awarded" | "hired" | "suspended"
            | "expelled" | "deported" | "detained" | "fined" | "investigated" | "subpoenaed" | "testified"
            | "endorsed" | "declined" | "refused" | "reached" | "completed" | "ended" | "began" | "started"
            | "discussed" | "implemented" | "resulted" | "helped" | "led" | "happened" | "occurred"
            | "took" | "gave" | "sent" | "called" | "named" | "announces" | "dismissed" | "returned"
    )
}

/// Capitalised words that, directly before a name, are a title or honorific rather than part of the name.
pub(crate) fn is_title(w: &str) -> bool {
    matches!(
        w,
        "President" | "Presidents" | "Vice" | "Secretary" | "Senator" | "Sen." | "Sens." | "Representative"
            | "Rep." | "Reps." | "Congressman" | "Congresswoman" | "Governor" | "Gov." | "Lt." | "Mayor"
            | "Minister" | "Prime" | "Chancellor" | "King" | "Queen" | "Prince" | "Princess" | "Pope" | "Judge"
            | "Justice" | "Chief" | "General" | "Gen." | "Col." | "Colonel" | "Maj." | "Capt." | "Captain"
            | "Adm." | "Admiral" | "Sgt." | "Sergeant" | "Lieutenant" | "Commander" | "Cmdr." | "Mr." | "Mrs."
            | "Ms." | "Miss" | "Mx." | "Dr." | "Prof." | "Professor" | "Rev." | "Reverend" | "Speaker"
            | "Leader" | "Attorney" | "Ambassador" | "Chairman" | "Chairwoman" | "Chair" | "Director"
            | "Commissioner" | "Sheriff" | "Deputy" | "Assistant" | "Spokesman" | "Spokeswoman"
            | "Spokesperson" | "Former" | "Sir" | "Dame" | "Lord" | "Lady" | "Sheikh" | "Rabbi" | "Bishop"
            | "Cardinal" | "Archbishop" | "Ayatollah" | "Emir" | "Sultan" | "Premier" | "Treasurer"
            | "Inspector" | "Detective" | "Officer" | "Agent" | "Majority" | "Minority" | "Whip" | "Gens."
            | "Retired" | "Ret." | "Acting" | "Interim" | "First" | "Crown" | "Senior" | "Sec." | "Supt."
            | "Det." | "Insp." | "Atty." | "Amb." | "Hon." | "Pres." | "Messrs." | "Foreign" | "Defense"
            | "Defence" | "Finance" | "Interior" | "Health" | "Labor" | "Labour" | "Energy" | "Treasury"
            | "Trade" | "Homeland" | "Security" | "Press" | "Special" | "Counsel" | "Solicitor" | "Mufti"
    )
}

/// Title words that name an office on their own ("the president", "the senator").
pub(crate) fn title_of_head(lower: &str) -> Option<&'static str> {
    Some(match lower {
        "president" | "presidents" => "President",
        "senator" | "senators" => "Senator",
        "secretary" => "Secretary",
        "governor" => "Governor",
        "mayor" => "Mayor",
        "minister" => "Minister",
        "chancellor" => "Chancellor",
        "premier" => "Premier",
        "congressman" | "congresswoman" | "lawmaker" | "representative" => "Representative",
        "judge" => "Judge",
        "justice" => "Justice",
        "general" => "General",
        "ambassador" => "Ambassador",
        "director" => "Director",
        "chairman" | "chairwoman" | "chair" => "Chairman",
        "speaker" => "Speaker",
        "king" => "King",
        "queen" => "Queen",
        "pope" => "Pope",
        "leader" => "Leader",
        "sheriff" => "Sheriff",
        "commissioner" => "Commissioner",
        "spokesman" | "spokeswoman" | "spokesperson" => "Spokesman",
        _ => return None,
    })
}

/// Canonical title for a capitalised title word, so that "Sen." and "Senator" compare equal.
pub(crate) fn canonical_title(w: &str) -> &str {
    match w {
        "Sen." | "Sens." => "Senator",
        "Rep." | "Reps." | "Congressman" | "Congresswoman" => "Representative",
        "Gov." => "Governor",
        "Gen." | "Gens." => "General",
        "Presidents" => "President",
        "Chairwoman" | "Chair" => "Chairman",
        "Spokeswoman" | "Spokesperson" => "Spokesman",
        other => other,
    }
}

/// Honorifics that tell a person's gender: `Some(true)` for male, `Some(false)` for female.
pub(crate) fn honorific_gender(w: &str) -> Option<bool> {
    match w {
        "Mr." | "Sir" | "King" | "Prince" | "Lord" | "Congressman" | "Spokesman" | "Chairman" => Some(true),
        "Mrs." | "Ms." | "Miss" | "Queen" | "Princess" | "Dame" | "Lady" | "Congresswoman" | "Spokeswoman"
        | "Chairwoman" => Some(false),
        _ => None,
    }
}

/// Words written with a final period that do not end a sentence before a name or number (without the period).
pub(crate) fn abbreviation(w: &str) -> Option<Abbrev> {
    use Abbrev::*;
    Some(match w {
        "Mr" | "Mrs" | "Ms" | "Mx" | "Dr" | "Sen" | "Sens" | "Rep" | "Reps" | "Gov" | "Gen" | "Gens" | "Lt" | "Col"
        | "Sgt" | "Capt" | "Cmdr" | "Adm" | "Maj" | "Cpl" | "Pvt" | "Prof" | "Rev" | "Hon" | "Pres" | "Supt"
        | "Det" | "Insp" | "Atty" | "Amb" | "Sec" | "Messrs" | "Fr" | "Mt" | "Ft" | "Pt" | "St" | "Ste" | "No"
        | "Nos" | "Vol" | "Fig" | "Art" | "vs" | "v" | "Ret" | "ca" | "cf" | "approx" => Title,
        "Jan" | "Feb" | "Mar" | "Apr" | "Jun" | "Jul" | "Aug" | "Sep" | "Sept" | "Oct" | "Nov" | "Dec" => Month,
        "Inc" | "Corp" | "Co" | "Ltd" | "Jr" | "Sr" | "Bros" | "Dept" | "Univ" | "Assn" | "Ave" | "Blvd" | "Rd"
        | "etc" | "al" | "Calif" | "Tex" | "Fla" | "Ill" | "Mass" | "Penn" | "Conn" | "Ariz" | "Colo" | "Mich"
        | "Minn" | "Wis" | "Ore" | "Wash" | "Va" | "Md" | "Ky" | "Tenn" | "Ala" | "Ga" | "La" | "Miss" | "Mo"
        | "Neb" | "Nev" | "Okla" | "Kan" | "Ark" | "Del" | "Vt" | "Wyo" => Trailing,
        _ => return None,
    })
}

/// Kinds of abbreviation, by how likely they are to end a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Abbrev {
    /// Precedes a name or number; never ends a sentence ("Mr.", "Dr.", "No.").
    Title,
    /// Ends a sentence only when no day number follows ("Jan. 5" vs "in Jan. The ...").
    Month,
    /// May end a sentence ("Inc.", "Jr.", "Calif."): split only before a typical sentence opener.
    Trailing,
}

/// Capitalised words that typically open a sentence (used to decide splits after "U.S." and to ignore
/// sentence-initial capitals when recognising names). Lower-case input.
pub(crate) fn is_sentence_opener(lower: &str) -> bool {
    matches!(
        lower,
        "the" | "a" | "an" | "he" | "she" | "it" | "they" | "we" | "i" | "you" | "his" | "her" | "its" | "their"
            | "our" | "my" | "your" | "this" | "that" | "these" | "those" | "there" | "here" | "but" | "and"
            | "or" | "so" | "yet" | "in" | "on" | "at" | "for" | "of" | "to" | "from" | "with" | "by" | "as"
            | "after" | "before" | "when" | "while" | "if" | "although" | "though" | "because" | "since"
            | "meanwhile" | "however" | "still" | "now" | "then" | "earlier" | "later" | "last" | "next"
            | "according" | "asked" | "during" | "despite" | "under" | "over" | "about" | "among" | "amid"
            | "without" | "within" | "instead" | "also" | "many" | "some" | "most" | "more" | "both" | "all"
            | "each" | "every" | "no" | "not" | "one" | "two" | "three" | "other" | "others" | "another"
            | "such" | "what" | "who" | "why" | "how" | "where" | "which" | "certainly" | "indeed"
            | "already" | "even" | "only" | "just" | "perhaps" | "maybe" | "nor" | "until" | "unless"
            | "whether" | "once" | "again" | "today" | "yesterday" | "tomorrow" | "officials" | "critics"
            | "describing" | "speaking" | "saying" | "calling" | "citing" | "noting" | "adding" | "unlike"
            | "like" | "through" | "throughout" | "against" | "behind" | "above" | "below" | "beyond"
            | "thus" | "therefore" | "moreover" | "furthermore" | "additionally" | "separately" | "similarly"
            | "ultimately" | "finally" | "first" | "second" | "third" | "overall" | "currently" | "recently"
            | "previously" | "initially" | "afterward" | "afterwards" | "otherwise" | "nevertheless"
            | "nonetheless" | "clearly" | "obviously" | "apparently" | "reportedly" | "notably" | "unfortunately"
            | "fortunately" | "regardless" | "rather" | "everyone" | "nobody" | "someone" | "anyone" | "nothing"
            | "something" | "everything" | "people" | "we're" | "we’re" | "it's" | "it’s" | "i'm" | "i’m"
            | "that's" | "that’s" | "there's" | "there’s" | "he's" | "he’s" | "she's" | "she’s" | "let"
            | "please" | "yes" | "well" | "oh" | "thank" | "thanks" | "dear" | "hello" | "hi" | "absolutely"
            | "whatever" | "whoever" | "altogether" | "together" | "almost" | "nearly" | "except"
            | "any" | "much" | "few" | "several" | "neither" | "either" | "whose" | "mostly" | "partly"
    )
}

/// Lower-case words that cannot sit inside a speaker noun phrase (they end the backward scan for a subject).
pub(crate) fn breaks_subject(lower: &str) -> bool {
    matches!(
        lower,
        "that" | "which" | "who" | "whom" | "whose" | "when" | "where" | "while" | "if" | "because" | "after"
            | "before" | "as" | "since" | "although" | "though" | "and" | "but" | "or" | "nor" | "so" | "than"
            | "is" | "was" | "are" | "were" | "be" | "been" | "being" | "to" | "in" | "on" | "at" | "for"
            | "with" | "from" | "by" | "about" | "into" | "over" | "under" | "during" | "until" | "what"
            | "how" | "why" | "not" | "also" | "it" | "then" | "once" | "did" | "does" | "do" | "can"
            | "could" | "would" | "should" | "will" | "may" | "might" | "must" | "asked" | "even" | "only"
            | "just" | "yet" | "still" | "said" | "says" | "told" | "meanwhile" | "however" | "instead"
            | "has" | "have" | "had" | "like" | "unlike" | "whether" | "unless" | "let" | "against"
    )
}

/// Lower-case adverbs and auxiliaries that may sit between a subject and its speech verb.
pub(crate) fn is_pre_verb_filler(lower: &str) -> bool {
    matches!(
        lower,
        "later" | "also" | "previously" | "earlier" | "then" | "again" | "repeatedly" | "recently" | "once"
            | "first" | "reportedly" | "publicly" | "privately" | "quickly" | "flatly" | "has" | "have" | "had"
            | "long" | "often" | "frequently" | "subsequently" | "initially" | "separately" | "similarly"
            | "simply" | "just" | "had," | "openly" | "himself" | "herself" | "themselves" | "itself"
            | "angrily" | "bluntly" | "candidly" | "emphatically" | "firmly" | "frankly" | "loudly"
            | "quietly" | "softly" | "confidently" | "proudly" | "plainly" | "directly" | "finally" | "still"
            | "yesterday" | "today" | "tonight" | "personally" | "formally" | "officially" | "already"
            | "even" | "never" | "always" | "consistently" | "explicitly" | "specifically" | "ultimately"
    )
}

/// Pronouns that can be the subject of a speech verb. Returns the pronoun class.
pub(crate) fn pronoun(lower: &str) -> Option<Pronoun> {
    Some(match lower {
        "he" => Pronoun::He,
        "she" => Pronoun::She,
        "they" => Pronoun::They,
        "it" => Pronoun::It,
        "i" | "we" | "you" => Pronoun::Deictic,
        _ => return None,
    })
}

/// Pronoun classes for back-reference resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pronoun {
    He,
    She,
    They,
    It,
    /// First and second person: cannot be resolved from the text around them.
    Deictic,
}

/// Determiners that open a descriptive noun phrase.
pub(crate) fn is_determiner(lower: &str) -> bool {
    matches!(
        lower,
        "the" | "a" | "an" | "this" | "that" | "these" | "those" | "his" | "her" | "their" | "its" | "our"
            | "another" | "one" | "two" | "three" | "four" | "several" | "some" | "many" | "most" | "other"
            | "both" | "each" | "every" | "no" | "few" | "various" | "numerous" | "multiple"
    )
}

/// Lower-case head nouns that denote a person or group of people (used for pronoun resolution).
pub(crate) fn is_person_noun(lower: &str) -> bool {
    let singular = lower.strip_suffix('s').unwrap_or(lower);
    title_of_head(lower).is_some()
        || matches!(
            singular,
            "official" | "spokesman" | "spokeswoman" | "spokesperson" | "aide" | "adviser" | "advisor" | "source"
                | "diplomat" | "lawmaker" | "analyst" | "expert" | "witness" | "resident" | "officer" | "lawyer"
                | "attorney" | "prosecutor" | "investigator" | "economist" | "scientist" | "researcher"
                | "candidate" | "activist" | "critic" | "supporter" | "member" | "leader" | "worker" | "voter"
                | "journalist" | "reporter" | "doctor" | "nurse" | "teacher" | "student" | "executive"
                | "negotiator" | "representative" | "minister" | "envoy" | "commander" | "soldier"
                | "protester" | "organizer" | "organiser" | "manager" | "owner" | "founder" | "host" | "man"
                | "woman" | "people" | "person" | "colleague" | "friend" | "father" | "mother" | "son"
                | "daughter" | "wife" | "husband" | "brother" | "sister" | "chief" | "head" | "agent" | "pastor"
                | "priest" | "governor" | "senator" | "congressman" | "congresswoman" | "delegate" | "staffer"
                | "strategist" | "pollster" | "operative" | "veteran" | "victim" | "survivor" | "citizen"
                | "farmer" | "employee" | "banker" | "trader" | "investor" | "partner" | "insider" | "judge"
                | "justice" | "mayor" | "director" | "administrator" | "secretary" | "counsel" | "deputy"
                | "assistant" | "chairman" | "chairwoman" | "president" | "ceo" | "boss" | "coach" | "player"
        )
}
