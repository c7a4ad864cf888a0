"""Document A of the session-21 import trial (trial 16): the opening lines of 盘山县's notice that hands out the
社会救助 tasks, as the office wrote them; the tests build the Word file, its table and its PDF from them."""

HEAD_A = ["盘山县人民政府办公室印发关于贯彻落实《社会救助暂行办法》重点任务分工方案的通知",
          "盘县政办发〔2014〕103号",
          "各镇人民政府，县政府各有关部门、直属机构：",
          "经县政府同意，现将《关于贯彻落实<社会救助暂行办法>重点任务分工方案》印发给你们，请认真贯彻执行。",
          "盘山县人民政府办公室",
          "2014年11月13日",
          "关于贯彻落实《社会救助暂行办法》重点任务分工方案"]
