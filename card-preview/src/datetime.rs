//! Times as the client shows them: a table's `date` cells (`date_format`) and markdown's
//! `<local_datetime>` (`format_type`).
//!
//! The client shows them in the reader's time zone and language. The page is written with the
//! UTC text (so the HTML is the same on every machine), and a small script redraws each time in
//! the zone and language of the browser that opens the page — the page's reader.

/// A UTC instant broken into its calendar fields.
struct Civil {
    y: i64,
    mo: i64,
    d: i64,
    h: i64,
    mi: i64,
    s: i64,
    /// 0 = Sunday.
    weekday: usize,
}

fn civil(ms: i64) -> Civil {
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Howard Hinnant's civil-from-days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let mo = if mp < 10 { mp + 3 } else { mp - 9 };
    Civil {
        y: yoe + era * 400 + i64::from(mo <= 2),
        mo,
        d,
        h: rem / 3600,
        mi: rem % 3600 / 60,
        s: rem % 60,
        // 1970-01-01 was a Thursday.
        weekday: (days + 4).rem_euclid(7) as usize,
    }
}

/// `ms` as a `date_format` pattern (`YYYY MM DD HH mm ss` with any separators) in UTC; the
/// empty pattern is RFC 3339, the table page's default.
pub(crate) fn pattern(ms: i64, format: &str) -> String {
    let c = civil(ms);
    let format = if format.is_empty() {
        "YYYY-MM-DDTHH:mm:ssZ"
    } else {
        format
    };
    format
        .replace("YYYY", &format!("{:04}", c.y))
        .replace("MM", &format!("{:02}", c.mo))
        .replace("DD", &format!("{:02}", c.d))
        .replace("HH", &format!("{:02}", c.h))
        .replace("mm", &format!("{:02}", c.mi))
        .replace("ss", &format!("{:02}", c.s))
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// `ms` in a `<local_datetime>` `format_type`, in UTC and English (the rich-text page's
/// examples: `2019-03-15`, `Mar 15`, `Mar 15, 2019`, `Tuesday`, `Tue`, `13:42`, `13:42:53`,
/// `GMT+8:00`); an unknown type is shown as `date_num`, the default.
pub(crate) fn local(ms: i64, format_type: &str) -> String {
    let c = civil(ms);
    let month = MONTHS[(c.mo - 1) as usize];
    match format_type {
        "date_short" => format!("{month} {}", c.d),
        "date" => format!("{month} {}, {}", c.d, c.y),
        "week" => WEEKDAYS[c.weekday].to_owned(),
        "week_short" => WEEKDAYS[c.weekday][..3].to_owned(),
        "time" => format!("{:02}:{:02}", c.h, c.mi),
        "time_sec" => format!("{:02}:{:02}:{:02}", c.h, c.mi, c.s),
        "timezone" => "GMT+0:00".to_owned(),
        _ => format!("{:04}-{:02}-{:02}", c.y, c.mo, c.d),
    }
}

/// A time the page's script redraws for its reader: `kind` is `p:<date_format>` for a table
/// cell or a `format_type`; `text` is the UTC text.
pub(crate) fn span(ms: i64, kind: &str, text: &str) -> String {
    crate::drawn::time();
    crate::html::El::new("span")
        .class("time")
        .attr("data-ms", ms.to_string())
        .attr("data-fmt", kind)
        .attr("title", "in the reader's time zone")
        .text(text)
        .html()
}

/// Redraws every `.time` in the browser's time zone and language (the page's `lang` when the
/// preview was given a locale). It has no `<` or `&`, so the page needs no escaping rules for
/// it (tested).
pub(crate) const SCRIPT: &str = r#"(function(){var lang=document.documentElement.lang||navigator.language||'en';function p(n,w){n=String(n);while((w||2)>n.length)n='0'+n;return n}function zone(d,rfc){var o=-d.getTimezoneOffset(),s=0>o?'-':'+';o=Math.abs(o);if(rfc)return o===0?'Z':s+p(Math.floor(o/60))+':'+p(o%60);return 'GMT'+s+Math.floor(o/60)+':'+p(o%60)}function r(s,a,b){return s.split(a).join(b)}function f(d,o){return new Intl.DateTimeFormat(lang,o).format(d)}document.querySelectorAll('.time').forEach(function(e){var d=new Date(Number(e.dataset.ms)),k=e.dataset.fmt,t;if(isNaN(d))return;if(k.indexOf('p:')===0){var q=k.slice(2)||'YYYY-MM-DDTHH:mm:ss\u0001';t=r(r(r(r(r(r(r(q,'YYYY',p(d.getFullYear(),4)),'MM',p(d.getMonth()+1)),'DD',p(d.getDate())),'HH',p(d.getHours())),'mm',p(d.getMinutes())),'ss',p(d.getSeconds())),'\u0001',zone(d,true))}else if(k==='date_short')t=f(d,{month:'short',day:'numeric'});else if(k==='date')t=f(d,{year:'numeric',month:'short',day:'numeric'});else if(k==='week')t=f(d,{weekday:'long'});else if(k==='week_short')t=f(d,{weekday:'short'});else if(k==='time')t=p(d.getHours())+':'+p(d.getMinutes());else if(k==='time_sec')t=p(d.getHours())+':'+p(d.getMinutes())+':'+p(d.getSeconds());else if(k==='timezone')t=zone(d,false);else t=p(d.getFullYear(),4)+'-'+p(d.getMonth()+1)+'-'+p(d.getDate());e.textContent=t})})();"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_and_format_types_in_utc() {
        assert_eq!(
            pattern(1_700_000_000_000, "YYYY/MM/DD HH:mm"),
            "2023/11/14 22:13"
        );
        assert_eq!(pattern(0, ""), "1970-01-01T00:00:00Z");
        // 2019-03-15 13:42:53 UTC, a Friday.
        let ms = 1_552_657_373_000;
        let shown: Vec<String> = [
            "date_num",
            "date_short",
            "date",
            "week",
            "week_short",
            "time",
            "time_sec",
            "timezone",
            "?",
        ]
        .iter()
        .map(|k| local(ms, k))
        .collect();
        assert_eq!(
            shown,
            [
                "2019-03-15",
                "Mar 15",
                "Mar 15, 2019",
                "Friday",
                "Fri",
                "13:42",
                "13:42:53",
                "GMT+0:00",
                "2019-03-15"
            ]
        );
        assert_eq!(local(-1, "date_num"), "1969-12-31");
        // Every format the rich-text page lists is drawn, each its own way.
        let formats = card_validate::spec::LOCAL_DATETIME_FORMATS;
        let drawn: std::collections::HashSet<_> = formats.iter().map(|k| local(ms, k)).collect();
        assert_eq!(drawn.len(), formats.len());
        assert!(!SCRIPT.contains(['<', '&']));
    }
}
