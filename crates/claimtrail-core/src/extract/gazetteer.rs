//! A small, generic gazetteer: countries and their demonyms, US states, and the cue words that mark a
//! capitalised sequence as an organisation or a place.

/// Countries, regions and US states (as written in English news).
pub(crate) fn is_place(name: &str) -> bool {
    matches!(
        name,
        "Afghanistan" | "Albania" | "Algeria" | "Angola" | "Argentina" | "Armenia" | "Australia" | "Austria"
            | "Azerbaijan" | "Bahrain" | "Bangladesh" | "Belarus" | "Belgium" | "Bolivia" | "Bosnia" | "Brazil"
            | "Bulgaria" | "Burma" | "Cambodia" | "Cameroon" | "Canada" | "Chad" | "Chile" | "China" | "Colombia"
            | "Congo" | "Croatia" | "Cuba" | "Cyprus" | "Czech Republic" | "Czechia" | "Denmark" | "Ecuador"
            | "Egypt" | "Eritrea" | "Estonia" | "Ethiopia" | "Finland" | "France" | "Georgia" | "Germany"
            | "Ghana" | "Greece" | "Guatemala" | "Haiti" | "Honduras" | "Hungary" | "Iceland" | "India"
            | "Indonesia" | "Iran" | "Iraq" | "Ireland" | "Israel" | "Italy" | "Jamaica" | "Japan" | "Jordan"
            | "Kazakhstan" | "Kenya" | "Kosovo" | "Kuwait" | "Laos" | "Latvia" | "Lebanon" | "Libya"
            | "Lithuania" | "Malaysia" | "Mali" | "Mexico" | "Moldova" | "Mongolia" | "Morocco" | "Mozambique"
            | "Myanmar" | "Nepal" | "Netherlands" | "New Zealand" | "Nicaragua" | "Niger" | "Nigeria"
            | "North Korea" | "Norway" | "Oman" | "Pakistan" | "Palestine" | "Panama" | "Paraguay" | "Peru"
            | "Philippines" | "Poland" | "Portugal" | "Qatar" | "Romania" | "Russia" | "Rwanda" | "Saudi Arabia"
            | "Senegal" | "Serbia" | "Singapore" | "Slovakia" | "Slovenia" | "Somalia" | "South Africa"
            | "South Korea" | "South Sudan" | "Spain" | "Sri Lanka" | "Sudan" | "Sweden" | "Switzerland"
            | "Syria" | "Taiwan" | "Tajikistan" | "Tanzania" | "Thailand" | "Tunisia" | "Turkey"
            | "Turkmenistan" | "Uganda" | "Ukraine" | "United Arab Emirates" | "United Kingdom" | "United States"
            | "United States of America" | "America" | "Uruguay" | "Uzbekistan" | "Venezuela" | "Vietnam"
            | "Yemen" | "Zambia" | "Zimbabwe" | "Britain" | "Great Britain" | "England" | "Scotland" | "Wales"
            | "Northern Ireland" | "Europe" | "Asia" | "Africa" | "Latin America" | "Middle East" | "Gaza"
            | "West Bank" | "Crimea" | "Hong Kong" | "Korea" | "Alabama" | "Alaska" | "Arizona" | "Arkansas"
            | "California" | "Colorado" | "Connecticut" | "Delaware" | "Florida" | "Hawaii" | "Idaho"
            | "Illinois" | "Indiana" | "Iowa" | "Kansas" | "Kentucky" | "Louisiana" | "Maine" | "Maryland"
            | "Massachusetts" | "Michigan" | "Minnesota" | "Mississippi" | "Missouri" | "Montana" | "Nebraska"
            | "Nevada" | "New Hampshire" | "New Jersey" | "New Mexico" | "New York" | "North Carolina"
            | "North Dakota" | "Ohio" | "Oklahoma" | "Oregon" | "Pennsylvania" | "Rhode Island"
            | "South Carolina" | "South Dakota" | "Tennessee" | "Texas" | "Utah" | "Vermont" | "Virginia"
            | "Washington" | "West Virginia" | "Wisconsin" | "Wyoming" | "D.C." | "Washington, D.C."
            | "U.S." | "US" | "USA" | "U.S.A." | "U.K." | "UK" | "UAE" | "London" | "Paris" | "Moscow"
            | "Beijing" | "Tokyo" | "Berlin" | "Brussels" | "Jerusalem" | "Kiev" | "Kyiv" | "Damascus"
            | "Baghdad" | "Tehran" | "Kabul" | "Cairo" | "Pyongyang" | "Seoul" | "Ottawa" | "Geneva"
            | "Chicago" | "Los Angeles" | "San Francisco" | "Boston" | "Miami" | "Houston" | "Dallas"
            | "Atlanta" | "Philadelphia" | "Detroit" | "Seattle" | "Denver" | "Phoenix" | "Benghazi"
    )
}

/// Nationality and regional adjectives; they modify names and titles but are not names themselves.
pub(crate) fn is_demonym(w: &str) -> bool {
    matches!(
        w,
        "American" | "Americans" | "Russian" | "Russians" | "Chinese" | "British" | "French" | "German"
            | "Germans" | "Mexican" | "Mexicans" | "Canadian" | "Japanese" | "Korean" | "Indian" | "Iranian"
            | "Iraqi" | "Syrian" | "Israeli" | "Palestinian" | "Saudi" | "Turkish" | "Ukrainian" | "Italian"
            | "Spanish" | "Egyptian" | "Afghan" | "Pakistani" | "Vietnamese" | "Brazilian" | "Cuban"
            | "Venezuelan" | "European" | "Asian" | "African" | "Arab" | "Latino" | "Latina" | "Hispanic"
            | "Hispanics" | "Western" | "Eastern" | "Northern" | "Southern" | "Australian" | "Dutch" | "Swedish"
            | "Polish" | "Greek" | "Irish" | "Scottish" | "Welsh" | "English" | "Libyan" | "Lebanese"
            | "Jordanian" | "Qatari" | "Yemeni" | "Nigerian" | "Kenyan" | "Ethiopian" | "Filipino" | "Thai"
            | "Indonesian" | "Malaysian" | "Taiwanese" | "Belarusian" | "Georgian" | "Armenian" | "Kurdish"
            | "Sunni" | "Shiite" | "Muslim" | "Muslims" | "Christian" | "Christians" | "Jewish" | "Catholic"
            | "Soviet" | "Colombian" | "Argentine" | "Chilean" | "Peruvian" | "Haitian" | "Norwegian" | "Danish"
            | "Finnish" | "Swiss" | "Austrian" | "Belgian" | "Hungarian" | "Romanian" | "Serbian" | "Croatian"
            | "North" | "South" | "East" | "West" | "Central" | "Pacific" | "Atlantic" | "Democrat"
            | "Democrats" | "Republican" | "Republicans" | "Conservative" | "Liberal" | "Progressive"
    )
}

/// Words that make a capitalised sequence an organisation ("State Department", "White House").
pub(crate) fn is_org_cue(w: &str) -> bool {
    matches!(
        w,
        "Department" | "Ministry" | "House" | "Senate" | "Congress" | "Committee" | "Council" | "Party"
            | "Agency" | "Administration" | "Bureau" | "Office" | "Commission" | "Court" | "Association"
            | "Union" | "University" | "College" | "Institute" | "Foundation" | "Corporation" | "Company"
            | "Corp." | "Inc." | "Co." | "Ltd" | "Ltd." | "LLC" | "Group" | "Bank" | "Fund" | "Federation"
            | "Organization" | "Organisation" | "Forces" | "Force" | "Army" | "Navy" | "Police" | "Guard"
            | "Network" | "News" | "Times" | "Post" | "Journal" | "Magazine" | "Television" | "Radio"
            | "Campaign" | "Church" | "Museum" | "Hospital" | "Board" | "Authority" | "Service" | "Services"
            | "Reserve" | "Caucus" | "Assembly" | "Parliament" | "Cabinet" | "Coalition" | "Alliance" | "Front"
            | "Movement" | "Brotherhood" | "Club" | "League" | "Cooperation" | "Secretariat"
            | "Pentagon" | "Kremlin" | "Inc" | "Corp" | "Industries" | "Airlines" | "Motors" | "Technologies"
            | "Systems" | "Partners" | "Holdings" | "Press" | "Tribune" | "Herald" | "Gazette" | "Daily"
            | "Broadcasting" | "Channel" | "Institution" | "School" | "Academy" | "Center" | "Centre"
            | "Legislature" | "GOP"
            | "Command" | "Corps" | "Marines" | "Treasury" | "Intelligence" | "Watch" | "Society"
            | "Trust" | "Initiative" | "Project" | "Program" | "Programme"
    )
}

/// Words that make a capitalised sequence a place ("Kansas City", "Red Sea").
pub(crate) fn is_place_cue(w: &str) -> bool {
    matches!(
        w,
        "City" | "County" | "Province" | "Island" | "Islands" | "River" | "Sea" | "Ocean" | "Lake" | "Bay"
            | "Gulf" | "Valley" | "Mountains" | "Mountain" | "Street" | "Avenue" | "Square" | "Airport" | "Beach"
            | "Peninsula" | "Strait" | "Canal" | "Heights" | "Region" | "Desert" | "Coast" | "Harbor"
            | "Harbour" | "Hills" | "District" | "Borough" | "Township" | "Village" | "Park" | "Road"
            | "Boulevard" | "Plaza" | "Bridge" | "Port" | "Territory" | "Territories" | "Republic" | "Kingdom"
            | "Emirates" | "States"
    )
}

/// Words that look like names but are calendar words or the pronoun "I".
pub(crate) fn is_calendar_or_pronoun(w: &str) -> bool {
    matches!(
        w,
        "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday" | "January"
            | "February" | "March" | "April" | "May" | "June" | "July" | "August" | "September" | "October"
            | "November" | "December" | "Jan." | "Feb." | "Mar." | "Apr." | "Jun." | "Jul." | "Aug." | "Sep."
            | "Sept." | "Oct." | "Nov." | "Dec." | "I" | "I'm" | "I’m" | "I've" | "I’ve" | "I'd" | "I’d" | "I'll"
            | "I’ll" | "OK" | "Mondays" | "Sundays" | "Christmas" | "Easter" | "Thanksgiving"
    )
}

/// Variants of the same place or body: returns a key shared by all spellings ("U.S." and "United States").
pub(crate) fn alias_key(name: &str) -> Option<&'static str> {
    Some(match name {
        "U.S." | "US" | "USA" | "U.S.A." | "United States" | "United States of America" => "united states",
        "U.K." | "UK" | "Britain" | "Great Britain" | "United Kingdom" => "united kingdom",
        "U.N." | "UN" | "United Nations" => "united nations",
        "E.U." | "EU" | "European Union" => "european union",
        "UAE" | "U.A.E." | "United Arab Emirates" => "united arab emirates",
        _ => return None,
    })
}
