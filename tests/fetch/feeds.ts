// Feeds the local test server serves: one of each flavour the fetcher saves, written for these tests.

export interface RssItem {
  guid: string;
  title: string;
  day: number;
}

export const rss = (items: readonly RssItem[]): string => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Harbour Gazette</title>
<link>https://gazette.example/</link>
<description>News from the harbour.</description>
${items
  .map(
    (i) => `<item>
<title>${i.title}</title>
<link>https://gazette.example/news/${i.guid}</link>
<guid isPermaLink="false">${i.guid}</guid>
<pubDate>${new Date(Date.UTC(2026, 2, i.day, 8, 30)).toUTCString()}</pubDate>
<content:encoded><![CDATA[<p>${i.title}: the harbour board met on the quay to agree the plan for the season, and the ferry crews said they were ready.</p><p>Work starts next week, weather permitting.</p>]]></content:encoded>
</item>`,
  )
  .join("\n")}
</channel>
</rss>
`;

export const RSS_ITEMS: RssItem[] = [
  { guid: "gz-101", title: "Ferry timetable changes for spring", day: 2 },
  { guid: "gz-102", title: "New lighthouse keeper appointed", day: 3 },
];

export const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Valley Observer</title>
<id>https://observer.example/</id>
<link rel="alternate" href="https://observer.example/"/>
<updated>2026-03-05T10:00:00Z</updated>
<entry>
<title>Orchard growers expect an early harvest</title>
<id>tag:observer.example,2026:orchard</id>
<link rel="alternate" href="https://observer.example/2026/orchard"/>
<published>2026-03-04T07:00:00Z</published>
<updated>2026-03-04T07:00:00Z</updated>
<author><name>Mara Lind</name></author>
<content type="html">&lt;p&gt;Growers across the valley say the warm winter has the trees flowering weeks ahead of the usual calendar.&lt;/p&gt;</content>
</entry>
</feed>
`;

export const JSON_FEED = `${JSON.stringify(
  {
    version: "https://jsonfeed.org/version/1.1",
    title: "Ridge Weekly",
    home_page_url: "https://ridge.example/",
    feed_url: "https://ridge.example/feed.json",
    items: [
      {
        id: "ridge-7",
        url: "https://ridge.example/posts/7",
        title: "Mountain road reopens after repairs",
        content_html:
          "<p>The pass road reopened on Monday after a month of repairs to the retaining walls.</p>",
        date_published: "2026-03-06T09:00:00Z",
      },
      {
        id: "ridge-8",
        url: "https://ridge.example/posts/8",
        title: "Ski school reports a record season",
        content_text: "Instructors taught more pupils this winter than in any season on record.",
        date_published: "2026-03-07T09:00:00Z",
      },
    ],
  },
  null,
  2,
)}\n`;

/** An RSS feed in ISO-8859-1, as some servers still send: saved as UTF-8 with its declaration fixed. */
export const LATIN1_RSS = `<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0"><channel><title>Le Caf\u00e9 du Port</title><link>https://cafe.example/</link>
<item><title>R\u00e9ouverture du caf\u00e9</title><guid>cafe-1</guid><pubDate>Sun, 08 Mar 2026 09:00:00 GMT</pubDate>
<description>Le caf\u00e9 du port rouvre ses portes apr\u00e8s l'hiver, avec une terrasse agrandie.</description></item>
</channel></rss>
`;

export const HTML_PAGE = `<!DOCTYPE html>
<html lang="en"><head><title>Harbour Gazette</title>
<link rel="alternate" type="application/rss+xml" title="RSS" href="/rss.xml">
</head><body><h1>Harbour Gazette</h1><p>Welcome.</p></body></html>
`;

export const TRUNCATED = rss(RSS_ITEMS).slice(0, 400);

export const NO_ITEMS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title><link>https://quiet.example/</link></channel></rss>\n`;

/** One item the build must leave out (no guid, no link): saved, with a warning in fetch's output. */
export const ITEM_WITHOUT_ID = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Pier Notes</title><link>https://pier.example/</link>
<item><title>Kept item</title><guid>pier-1</guid><pubDate>Mon, 09 Mar 2026 09:00:00 GMT</pubDate><description>The pier opens at dawn on weekdays from now on.</description></item>
<item><title>Orphan item</title><description>This item has neither a guid nor a link.</description></item>
</channel></rss>
`;
