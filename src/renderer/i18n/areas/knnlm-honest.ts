/** Strings of the kNN-LM view saying what the user is looking at (issue 10): domain distance, byte tokens, time left. English and Simplified Chinese. */
export const en = {
  knnlmHonest: {
    outOfDomain: 'Out of domain: this prefix is {ratio}× farther from the datastore’s keys than they are from each other (median nearest distance over its last {positions} tokens; out of domain from {threshold}×). The neighbours below are poor matches: the kNN distribution built from them says little about this text.',
    domainDistance: 'Distance to the datastore: {ratio}× the typical distance between its keys (out of domain from {threshold}×).',
    typicalHow: 'Typical distance: the median squared L2 distance of {sample} of the datastore’s keys to their nearest other key ({from}). Ratio: the median nearest distance of the prefix’s last {positions} positions over it.',
    typicalFrom: { 'datastore.json': 'stored when the datastore was built', 'computed on load': 'computed when the datastore was loaded' },
    splitCharacter: 'This token is one piece ({bytes}) of the character shown: the tokenizer split it into byte tokens.',
    loneByte: 'A single byte of a character the tokenizer splits into byte tokens; alone it is not a character.',
    timeLeft: 'about {time} left',
    measuring: 'time left: measuring…',
    seconds: '{n} s',
    minutes: '{n} min',
    hours: '{h} h {m} min',
    resultFrom: 'Result kept from {when}.',
  },
}

export const zhCN: typeof en = {
  knnlmHonest: {
    outOfDomain: '超出领域：此前缀到数据存储键的距离是键与键之间典型距离的 {ratio} 倍（取其最后 {positions} 个词元最近邻距离的中位数；达到 {threshold} 倍即视为超出领域）。下面的近邻匹配很差，由它们得到的 kNN 分布对这段文本说明不了什么。',
    domainDistance: '到数据存储的距离：键之间典型距离的 {ratio} 倍（达到 {threshold} 倍即视为超出领域）。',
    typicalHow: '典型距离：数据存储中 {sample} 个键到其最近的另一个键的平方 L2 距离的中位数（{from}）。比值：前缀最后 {positions} 个位置的最近邻距离中位数与之相除。',
    typicalFrom: { 'datastore.json': '构建数据存储时保存', 'computed on load': '加载数据存储时计算' },
    splitCharacter: '此词元是所示字符的一部分（{bytes}）：分词器把该字符拆成了字节词元。',
    loneByte: '被分词器拆成字节词元的字符中的单个字节；单独一个字节不构成字符。',
    timeLeft: '约剩 {time}',
    measuring: '剩余时间：测量中…',
    seconds: '{n} 秒',
    minutes: '{n} 分钟',
    hours: '{h} 小时 {m} 分钟',
    resultFrom: '保留的结果，来自 {when}。',
  },
}
