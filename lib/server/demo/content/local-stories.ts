import "server-only";
import type { DemoLanguage } from "@/lib/server/demo/content/names";
import { invitation, me, them, type Story } from "@/lib/server/demo/content/story";

/** Conversations held in the participant's language (the rep answers in kind, or in English). */
export const LOCAL_STORIES: Partial<Record<DemoLanguage, readonly Story[]>> = {
  ja: [
    {
      conversationType: "normal",
      lines: [
        them("{me}さん、はじめまして。{company}の{first}です。御社の売上予測ツールについて詳しく伺いたいです。"),
        me("{first}さん、ご連絡ありがとうございます！来週30分ほどオンラインでデモはいかがでしょうか？"),
        them("ありがとうございます。火曜日の午後2時（日本時間）はいかがですか？"),
        me("承知しました。招待を送りました 🙏 当日は営業チームの方もぜひご一緒に。"),
        them("よろしくお願いいたします。"),
      ],
    },
    {
      conversationType: "normal",
      minLines: 1,
      lines: [
        invitation("them", "先日の東京のSaaSカンファレンスでお話しした{first}です。ぜひつながりましょう。"),
        me("ありがとうございます、{first}さん！Great to connect — 日本語はまだ勉強中です 😅"),
        them("No problem! We can speak English. 来月東京にいらっしゃる予定はありますか？"),
      ],
    },
  ],
  ar: [
    {
      conversationType: "normal",
      lines: [
        them("مرحباً {me}، أنا {first} من {company}. نبحث عن أداة لتحسين توقعات المبيعات لفريقنا في الرياض ودبي."),
        me("أهلاً {first}! شكراً على تواصلك. Happy to help — would a demo in English work for your team?"),
        them("نعم، الإنجليزية مناسبة. هل يدعم النظام اللغة العربية في التقارير؟"),
        me("Reports support Arabic (right-to-left) and Hijri dates for the fiscal calendar. I can show both in the demo."),
        them("ممتاز 👍 لنحدد موعداً الأسبوع القادم."),
      ],
    },
    {
      conversationType: "inmail",
      minLines: 1,
      lines: [
        them("السلام عليكم {me}، نود دعوتكم لحضور معرض LEAP في الرياض هذا العام. هل لديكم اهتمام بجناح للعرض؟"),
        me("وعليكم السلام {first}، شكراً على الدعوة! Could you send the sponsorship packages by email?"),
      ],
    },
  ],
  ru: [
    {
      conversationType: "normal",
      lines: [
        them("Добрый день, {me}! Я {first}, отвечаю за продажи в {company}. Мы ищем инструмент для прогнозирования сделок."),
        me("Здравствуйте, {first}! Спасибо, что написали. Would you prefer the demo in English? My Russian is limited to «спасибо» 😄"),
        them("Английский подходит. Главный вопрос — интеграция с Битрикс24, она есть?"),
        me("Not natively yet — we support it through our open API and a partner connector. I'll send the details."),
        them("Хорошо, жду информацию. Спасибо!"),
      ],
    },
    {
      conversationType: "normal",
      minLines: 1,
      lines: [
        me("Hi {first}, saw your talk at the RevOps meetup in Berlin — great points on pipeline hygiene."),
        them("Спасибо, {me}! Рада, что было полезно. Thanks!"),
      ],
    },
  ],
  hi: [
    {
      conversationType: "normal",
      lines: [
        them("नमस्ते {me}, मैं {company} से {first} हूँ। हम अपनी सेल्स टीम के लिए forecasting tool देख रहे हैं।"),
        me("नमस्ते {first}! Thanks for reaching out. How big is the team, and which CRM are you on?"),
        them("लगभग {seats} लोग, और हम Zoho CRM इस्तेमाल करते हैं।"),
        me("Zoho is supported natively. I'll send over a short video and pricing in INR 🙏"),
        them("धन्यवाद! अगले हफ़्ते बात करते हैं।"),
      ],
    },
  ],
  zh: [
    {
      conversationType: "normal",
      lines: [
        them("{me}您好，我是{company}的{first}。我们想了解一下贵公司的销售预测产品。"),
        me("{first}您好！Thanks for reaching out — would an English demo work for you?"),
        them("可以的，英文没问题。数据可以存放在新加坡吗？"),
        me("Yes, we have a Singapore region (AWS ap-southeast-1). I'll include that in the proposal."),
      ],
    },
  ],
  ko: [
    {
      conversationType: "normal",
      minLines: 1,
      lines: [
        them("안녕하세요 {me}님, {company}의 {first}입니다. 영업 예측 솔루션에 관심이 있습니다."),
        me("안녕하세요 {first}님! Thanks for the message — happy to set up a demo. Does next week work?"),
        them("네, 목요일 오전 10시(KST) 괜찮습니다 😊"),
      ],
    },
  ],
  es: [
    {
      conversationType: "normal",
      lines: [
        them("Hola {me}, soy {first} de {company}. ¿Tenéis clientes en México? Nos interesa la herramienta para el equipo de ventas."),
        me("¡Hola {first}! Sí, varios en CDMX y Monterrey. ¿Te parece si hacemos una demo de 30 minutos el {day}?"),
        them("Perfecto, el {day} a las 10:00 (hora de México) me va bien."),
        me("¡Genial! Te envío la invitación ahora mismo 🙌"),
      ],
    },
  ],
  fr: [
    {
      conversationType: "normal",
      lines: [
        them("Bonjour {me}, je dirige l'équipe commerciale de {company}. Est-ce que votre solution est conforme au RGPD ?"),
        me("Bonjour {first} ! Oui, hébergement à Francfort, DPA signé avec chaque client. Je vous envoie notre documentation sécurité ?"),
        them("Oui, merci beaucoup. On en reparle après les vacances d'été ☀️"),
      ],
    },
  ],
  de: [
    {
      conversationType: "normal",
      minLines: 1,
      lines: [
        me("Hallo {first}, ich habe gesehen, dass {company} gerade das Vertriebsteam in der DACH-Region ausbaut. Hätten Sie Lust auf einen kurzen Austausch zum Thema Forecasting?"),
        them("Hallo {me}, danke für die Nachricht. Grundsätzlich ja, aber erst nach unserem Budgetmeeting Ende des Monats."),
        me("Klingt gut — ich melde mich Anfang nächsten Monats noch einmal. Schöne Grüße nach München!"),
      ],
    },
  ],
  pt: [
    {
      conversationType: "normal",
      lines: [
        them("Olá {me}, tudo bem? Sou {first} da {company}. Vocês atendem empresas no Brasil?"),
        me("Olá {first}! Sim, temos clientes em São Paulo e Belo Horizonte. Podemos marcar uma demo?"),
        them("Claro! Quinta-feira às 14h (horário de Brasília)?"),
        me("Perfeito, convite enviado 👍"),
      ],
    },
  ],
};
